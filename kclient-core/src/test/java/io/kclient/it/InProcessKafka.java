package io.kclient.it;

import io.kclient.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process broker shared by the tests of a class:
 * {@code @RegisterExtension static final InProcessKafka kafka = new InProcessKafka();}
 */
final class InProcessKafka implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.close();
    }

    EmbeddedKafka broker() {
        return kafka;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
