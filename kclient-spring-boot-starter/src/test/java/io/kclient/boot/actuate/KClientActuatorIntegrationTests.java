package io.kclient.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.boot.autoconfigure.Animals;
import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.boot.autoconfigure.embedded.EmbeddedKafkaAutoConfiguration;
import io.kclient.embedded.EmbeddedKafka;
import io.kclient.embedded.testing.TopicProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Health of a Boot application on a real in-process broker, which the test stops and starts again:
 * so the application's own broker (the starter's embedded one), not the test JVM's shared one.
 */
class KClientActuatorIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EmbeddedKafkaAutoConfiguration.class,
                    KClientAutoConfiguration.class, KClientHealthAutoConfiguration.class))
            .withBean("animals", Animals.class)
            .withPropertyValues("kclient.embedded.port=0", "kclient.embedded.data-dir=");

    @Test
    void aStoppedBrokerTurnsHealthDownUntilItIsBack() {
        runner.run(context -> {
            EmbeddedKafka kafka = context.getBean(EmbeddedKafka.class);
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
                probe.send("dogs", "1", "{\"id\":\"1\",\"dogName\":\"Rex\"}");
            }
            await().atMost(WAIT).until(() -> context.getBean(Animals.class).dogs().size() == 1);

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
