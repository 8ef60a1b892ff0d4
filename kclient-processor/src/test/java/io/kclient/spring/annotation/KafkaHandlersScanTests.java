package io.kclient.spring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.spring.MockKClientConfiguration;
import io.kclient.spring.annotation.scanned.ComponentHandlers;
import io.kclient.spring.annotation.scanned.FactoryMethodHandlers;
import io.kclient.spring.annotation.scanned.ScannedHandlers;
import io.kclient.spring.config.KClientEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

class KafkaHandlersScanTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(MockKClientConfiguration.class);

    @Test
    void makesKafkaHandlersClassesBeansOnce() {
        runner.withUserConfiguration(ScanConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(ScannedHandlers.class).hasSingleBean(ComponentHandlers.class)
                    .hasSingleBean(FactoryMethodHandlers.class);
            assertThat(context.getBean(KClientEndpointRegistry.class).getEndpoints()).flatMap(endpoint -> endpoint.settings().topics())
                    .containsExactlyInAnyOrder("scanned", "component", "factory-method");
        });
    }

    @Test
    void withoutTheScanAKafkaHandlersClassIsNoBean() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ScannedHandlers.class));
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = ScannedHandlers.class)
    @KafkaHandlersScan(basePackageClasses = ScannedHandlers.class)
    static class ScanConfiguration {

        @Bean
        FactoryMethodHandlers factoryMethodHandlers() {
            return new FactoryMethodHandlers();
        }
    }
}
