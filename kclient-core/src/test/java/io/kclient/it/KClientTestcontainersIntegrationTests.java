package io.kclient.it;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same suite on a Kafka broker in Docker; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class KClientTestcontainersIntegrationTests extends AbstractKClientIntegrationTests {

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");

    @Override
    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }
}
