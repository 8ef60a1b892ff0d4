package io.kclient.boot.actuate;

import io.kclient.KClient;
import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.boot.autoconfigure.KClientBuilderCustomizer;
import io.kclient.spring.config.KClientEndpointRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of every handler, when the application has a {@link MeterRegistry} (Spring
 * Boot Actuator gives one). A {@link MicrometerHandlerObserver} bean of the application's own
 * replaces this one.
 */
@AutoConfiguration(after = KClientAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({KClient.class, MeterRegistry.class})
@ConditionalOnBean({MeterRegistry.class, KClientEndpointRegistry.class})
public final class KClientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerHandlerObserver kclientMicrometerObserver(MeterRegistry registry) {
        return new MicrometerHandlerObserver(registry);
    }

    @Bean
    KClientBuilderCustomizer kclientMetricsCustomizer(MicrometerHandlerObserver observer) {
        return builder -> builder.observer(observer);
    }
}
