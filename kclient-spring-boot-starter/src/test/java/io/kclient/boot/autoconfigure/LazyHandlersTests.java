package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.listener.ListenerContainer;
import io.kclient.spring.config.KClientEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;

/**
 * Handler beans are made with the context, whatever lazy initialization says: the application's
 * ({@code spring.main.lazy-initialization}) leaves them out, as Spring Boot leaves out
 * {@code @Scheduled} beans; one declared {@code @Lazy} or {@code prototype} fails the start
 * rather than never running.
 */
class LazyHandlersTests {

    private final ApplicationContextRunner runner = MockKafkaClients.runner();

    /** What SpringApplication adds when spring.main.lazy-initialization is true. */
    private final ApplicationContextRunner lazyApplication = runner
            .withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()));

    @Test
    void handlersRunInALazilyInitializedApplication() {
        lazyApplication.withBean("animals", Animals.class).withBean("notAHandler", NotAHandler.class).run(context -> {
            assertThat(context.getBean(KClientEndpointRegistry.class).getClient().containers())
                    .extracting(ListenerContainer::id).containsExactlyInAnyOrder("dogs", "cats");
            assertThat(context.getBeanFactory().containsSingleton("notAHandler")).as("other beans stay lazy").isFalse();
        });
    }

    @Test
    void aLazyHandlerBeanFailsTheStartNamingTheFix() {
        runner.withUserConfiguration(LazyAnimals.class).run(context -> assertThat(configurationError(context))
                .hasMessageContaining("Bean 'lazyAnimals' (" + Animals.class.getName() + ") has @InputConsumer methods but is lazy")
                .hasMessageContaining("remove @Lazy"));
    }

    @Test
    void aPrototypeHandlerBeanFailsTheStartNamingTheFix() {
        runner.withUserConfiguration(PrototypeAnimals.class).run(context -> assertThat(configurationError(context))
                .hasMessageContaining("Bean 'prototypeAnimals' (" + Animals.class.getName() + ") has @InputConsumer methods "
                        + "but is a 'prototype' bean")
                .hasMessageContaining("make it a singleton"));
    }

    static class NotAHandler {
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyAnimals {

        @Bean
        @Lazy
        Animals lazyAnimals() {
            return new Animals();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrototypeAnimals {

        @Bean
        @Scope("prototype")
        Animals prototypeAnimals() {
            return new Animals();
        }
    }
}
