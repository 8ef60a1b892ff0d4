package io.kclient.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.boot.autoconfigure.Animals;
import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.boot.autoconfigure.embedded.EmbeddedKafkaAutoConfiguration;
import io.kclient.embedded.EmbeddedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Metrics and health of a Boot application on a real in-process broker, which the test stops and starts again. */
class KClientActuatorIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EmbeddedKafkaAutoConfiguration.class,
                    KClientAutoConfiguration.class, KClientMetricsAutoConfiguration.class, KClientHealthAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean("animals", Animals.class)
            .withPropertyValues("kclient.embedded.port=0", "kclient.embedded.data-dir=");

    @Test
    void aHandledRecordMovesTheMetricsAndAStoppedBrokerTurnsHealthDown() {
        runner.run(context -> {
            EmbeddedKafka kafka = context.getBean(EmbeddedKafka.class);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("dogs", "1", "{\"id\":\"1\",\"dogName\":\"Rex\"}")).get();
            }
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                assertThat(meters.get(MicrometerHandlerObserver.HANDLED).tags("handler", "dogs").counter().count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.PUBLISHED).tags("topic", "cats").counter().count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.HANDLED).tags("handler", "cats").counter().count())
                        .as("the cat went through the second handler").isEqualTo(1);
            });

            HealthIndicator health = context.getBean("kclientHealthIndicator", HealthIndicator.class);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

            kafka.stopNode(0);
            await().atMost(WAIT).until(() -> Status.DOWN.equals(health.health(true).getStatus()));
            assertThat(health.health(true).getDetails().get("handlers").toString()).contains("cannot reach the broker");

            kafka.startNode(0);
            await().atMost(WAIT).until(() -> Status.UP.equals(health.health(true).getStatus()));
        });
    }
}
