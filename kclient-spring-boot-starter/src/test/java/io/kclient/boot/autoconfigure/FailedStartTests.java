package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.ContainerState;
import io.kclient.KClient;
import io.kclient.KClientException;
import io.kclient.spring.config.KClientEndpointRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A handler whose consumer cannot be made (a bad security setting, a missing class) fails the
 * start naming the handler, and the handlers started before it are stopped, not left running.
 */
class FailedStartTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KClientAutoConfiguration.class))
            .withUserConfiguration(CatsConsumerFails.class)
            .withBean("animals", Animals.class)
            .withPropertyValues("kclient.bootstrap-servers=localhost:9092");

    @Test
    void aHandlerThatCannotStartFailsTheContextsStartNamingIt() {
        runner.run(context -> assertThat(context).getFailure().hasStackTraceContaining("Handler 'cats' failed to start")
                .rootCause().hasMessage("Failed to construct kafka consumer"));
    }

    @Test
    void aFailedStartStopsTheHandlersItStarted() {
        runner.withPropertyValues("kclient.auto-startup=false").run(context -> {
            KClientEndpointRegistry registry = context.getBean(KClientEndpointRegistry.class);

            assertThatThrownBy(registry::start).isInstanceOf(KClientException.class)
                    .hasMessageContaining("Handler 'cats' failed to start").hasRootCauseMessage("Failed to construct kafka consumer");

            KClient kclient = registry.getClient();
            assertThat(kclient.handler("dogs").state()).as("started with cats, stopped by its failure")
                    .isEqualTo(ContainerState.STOPPED);
            assertThat(kclient.isRunning()).isFalse();
            assertThat(registry.isRunning()).isFalse();
        });
    }

    /** Every topic exists; the consumer of handler 'cats' cannot be made, as with a bad security setting. */
    @Configuration(proxyBeanMethods = false)
    static class CatsConsumerFails {

        @Bean
        KClientBuilderCustomizer catsConsumerFails() {
            Admin admin = MockKafkaClients.adminListing("dogs", "cats", "dogs.DLT", "cats.DLT");
            return builder -> builder
                    .adminFactory(config -> admin)
                    .producerFactory(config -> new MockProducer<>())
                    .consumerFactory(config -> {
                        if (String.valueOf(config.get("client.id")).endsWith("-cats")) {
                            throw new KafkaException("Failed to construct kafka consumer");
                        }
                        return new MockConsumer<>("earliest");
                    });
        }
    }
}
