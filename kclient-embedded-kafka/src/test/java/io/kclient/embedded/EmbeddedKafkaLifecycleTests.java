package io.kclient.embedded;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The failures callers should see before any node runs: a taken port, a foreign data directory,
 * settings the builder refuses.
 */
class EmbeddedKafkaLifecycleTests {

    @Test
    void failsClearlyWhenThePortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            int port = taken.getLocalPort();
            try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).build()) {
                assertThatExceptionOfType(IllegalStateException.class).isThrownBy(kafka::start)
                        .withMessageStartingWith("Kafka port " + port + " is already in use; set a different port");
            }
        }
    }

    @Test
    void refusesADataDirectoryThatHoldsSomethingElse(@TempDir Path dataDirectory) throws Exception {
        Files.createDirectories(dataDirectory.resolve("node-0"));
        Files.writeString(dataDirectory.resolve("node-0/notes.txt"), "not Kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDirectory(dataDirectory).build()) {
            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(kafka::start)
                    .withMessageContaining("is not empty but holds no Kafka data");
        }
        assertThat(dataDirectory.resolve("node-0/notes.txt")).exists();
    }

    @Test
    void rejectsBrokerPropertiesThatWireTheCluster() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedKafka.builder().brokerProperty("listeners", "x"))
                .withMessageContaining("'listeners' is set by EmbeddedKafka");
    }

    @Test
    void aPasswordWithAQuoteIsRefusedAndNeverPrinted() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedKafka.builder().saslScram("u", "a\"b"))
                .withMessageNotContaining("a\"b");
        assertThat(new ScramUser("u", "pw").toString()).doesNotContain("pw");
    }
}
