package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kclient.ContainerState;
import io.kclient.boot.actuate.HandlerDescriptor;
import io.kclient.boot.actuate.KClientEndpoint;
import io.kclient.boot.actuate.KClientEndpointAutoConfiguration;
import io.kclient.boot.actuate.KClientHealthAutoConfiguration;
import io.kclient.boot.actuate.KClientHealthIndicator;
import io.kclient.boot.actuate.KClientMetricsAutoConfiguration;
import io.kclient.boot.actuate.MicrometerHandlerObserver;
import io.kclient.spring.config.KClientEndpointRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Metrics, health and endpoint: when each is there, when it backs off, and that it reads the engine. No broker. */
class KClientActuatorAutoConfigurationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KClientAutoConfiguration.class,
                    KClientMetricsAutoConfiguration.class, KClientHealthAutoConfiguration.class,
                    KClientEndpointAutoConfiguration.class))
            .withUserConfiguration(MockKafkaClients.class)
            .withBean("animals", Animals.class)
            .withPropertyValues("kclient.auto-startup=false", "kclient.bootstrap-servers=kclient-host:9092",
                    "management.endpoints.web.exposure.include=kclient");

    @Test
    void aHandledRecordMovesItsMetrics() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            feedDog(context.getBean(MockKafkaClients.class), context.getBean(KClientEndpointRegistry.class));
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                assertThat(meters.get(MicrometerHandlerObserver.RECEIVED).tags("handler", "dogs", "topic", "dogs").counter()
                        .count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.HANDLED).tags("handler", "dogs", "topic", "dogs").counter()
                        .count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.PUBLISHED).tags("handler", "dogs", "topic", "cats").counter()
                        .count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.LATENCY).tags("handler", "dogs").timer().count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.IN_FLIGHT).tags("handler", "dogs").gauge()).isNotNull();
                assertThat(meters.get(MicrometerHandlerObserver.IN_FLIGHT_BYTES).tags("handler", "dogs").gauge()).isNotNull();
                assertThat(meters.get(MicrometerHandlerObserver.LAG).tags("handler", "dogs", "partition", "0").gauge().value())
                        .isZero();
            });
        });
    }

    @Test
    void noMetricsWithoutAMeterRegistryOrMicrometer() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MicrometerHandlerObserver.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(MicrometerHandlerObserver.class));
    }

    @Test
    void healthReportsEachHandlerAndTakesTheStallTimeoutFromProperties() {
        runner.withPropertyValues("kclient.health.stall-timeout=2m").run(context -> {
            assertThat(context.getBean(KClientProperties.class).getHealth().getStallTimeout()).isEqualTo(Duration.ofMinutes(2));
            var health = context.getBean("kclientHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("handlers")).asInstanceOf(InstanceOfAssertFactories.MAP).containsOnlyKeys("dogs", "cats");
        });
    }

    @Test
    void healthBacksOffWhenDisabledOrWithoutBootHealth() {
        runner.withPropertyValues("management.health.kclient.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(KClientHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(KClientHealthIndicator.class));
    }

    @Test
    void theEndpointListsHandlersAndPausesResumesAndRestartsOne() {
        runner.run(context -> {
            KClientEndpoint endpoint = context.getBean(KClientEndpoint.class);
            assertThat(endpoint.handlers().handlers()).extracting(HandlerDescriptor::id).containsExactlyInAnyOrder("dogs", "cats");
            assertThat(endpoint.handler("cats")).satisfies(cats -> {
                assertThat(cats.concurrency()).isEqualTo(2);
                assertThat(cats.state()).isEqualTo(ContainerState.CREATED);
            });
            assertThat(endpoint.handler("nope")).as("404").isNull();

            assertThat(endpoint.act("dogs", "restart").state()).isEqualTo(ContainerState.RUNNING);
            assertThat(endpoint.act("dogs", "pause").state()).isEqualTo(ContainerState.PAUSED);
            assertThat(endpoint.act("dogs", "resume").state()).isEqualTo(ContainerState.RUNNING);
            assertThat(context.getBean(KClientEndpointRegistry.class).getClient().handler("cats").state())
                    .as("the other handlers are left alone").isEqualTo(ContainerState.CREATED);
        });
    }

    @Test
    void aFailedConsumerTurnsHealthDownUntilTheEndpointRestartsItsHandler() {
        runner.run(context -> {
            MockKafkaClients clients = context.getBean(MockKafkaClients.class);
            KClientEndpointRegistry registry = context.getBean(KClientEndpointRegistry.class);
            HealthIndicator health = context.getBean("kclientHealthIndicator", HealthIndicator.class);
            feedDog(clients, registry);
            await().atMost(WAIT).until(() -> !context.getBean(Animals.class).dogs().isEmpty());

            clients.consumers.get(0).setPollException(new KafkaException("the consumer broke"));
            await().atMost(WAIT).until(() -> registry.getClient().handler("dogs").state() == ContainerState.FAILED);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health(true).getDetails().get("handlers").toString()).contains("the consumer broke");

            HandlerDescriptor restarted = context.getBean(KClientEndpoint.class).act("dogs", "restart");
            assertThat(restarted.state()).isEqualTo(ContainerState.RUNNING);
            assertThat(restarted.failure()).isNull();
            // the new consumer is made on the new poll thread, just after the restart returned
            await().atMost(WAIT).untilAsserted(() -> assertThat(clients.consumers).as("a new consumer").hasSize(2));
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void theEndpointRefusesAnUnknownHandlerOrAction() {
        runner.run(context -> {
            KClientEndpoint endpoint = context.getBean(KClientEndpoint.class);
            assertThatThrownBy(() -> endpoint.act("nope", "pause"))
                    .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("the handler ids are");
            assertThatThrownBy(() -> endpoint.act("dogs", "stop"))
                    .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("pause, resume or restart");
        });
    }

    @Test
    void theEndpointIsThereOnlyWhenExposed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KClientAutoConfiguration.class,
                        KClientEndpointAutoConfiguration.class))
                .withUserConfiguration(MockKafkaClients.class)
                .withPropertyValues("kclient.auto-startup=false", "kclient.bootstrap-servers=kclient-host:9092")
                .run(context -> assertThat(context).doesNotHaveBean(KClientEndpoint.class));
    }

    private static void feedDog(MockKafkaClients clients, KClientEndpointRegistry registry) {
        clients.feed(registry.getClient(), "dogs", new ConsumerRecord<>("dogs", 0, 0, "1".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"1\",\"name\":\"Rex\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
