package io.kclient.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine end to end on the in-process broker. */
class KClientIntegrationTests extends AbstractKClientIntegrationTests {

    @RegisterExtension
    static final InProcessKafka kafka = new InProcessKafka();

    @Override
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
