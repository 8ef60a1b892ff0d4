package io.kclient.it;

import io.kclient.embedded.testing.SharedKafka;

/** The engine end to end on the test JVM's shared in-process broker. */
class KClientIntegrationTests extends AbstractKClientIntegrationTests {

    @Override
    String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}
