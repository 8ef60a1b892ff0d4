package io.kclient.it;

import io.kclient.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine end to end on the in-process broker. */
class KClientIntegrationTests extends AbstractKClientIntegrationTests {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Override
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
