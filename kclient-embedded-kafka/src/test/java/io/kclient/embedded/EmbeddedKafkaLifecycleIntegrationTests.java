package io.kclient.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.kclient.embedded.testing.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Starting, stopping and restarting 1-node clusters.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedKafkaLifecycleIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void keepsTopicsAndRecordsForANewInstanceOnTheSameDataDirectory(@TempDir Path dataDirectory) throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDirectory(dataDirectory).build()) {
            first.start();
            first.createTopics(2, (short) 1, "durable");
            try (TopicProbe probe = new TopicProbe(first.bootstrapServers())) {
                probe.send("durable", "k", "kept");
            }
        }
        assertThat(dataDirectory.resolve("node-0/meta.properties")).exists();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDirectory(dataDirectory).build()) {
            second.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
                var topic = admin.describeTopics(List.of("durable")).allTopicNames().get(10, TimeUnit.SECONDS).get("durable");
                assertThat(topic.partitions()).hasSize(2);
            }
            try (TopicProbe probe = new TopicProbe(second.bootstrapServers())) {
                assertThat(values(probe.readAtLeast("durable", 1, WAIT))).containsExactly("kept");
            }
        }
        assertThat(dataDirectory).isDirectory();
    }

    @Test
    void restartsAStoppedNodeOnTheSamePortWithItsData() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        kafka.start();
        try (kafka; TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            String bootstrapServers = kafka.bootstrapServers();
            int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.indexOf(':') + 1));
            kafka.createTopics(1, (short) 1, "restarted");
            probe.send("restarted", "k", "before");

            kafka.stopNode(0);
            assertThat(Ports.isFree(port)).as("port released by the stopped node").isTrue();
            kafka.startNode(0);

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
            probe.send("restarted", "k", "after");
            assertThat(values(probe.readAtLeast("restarted", 2, WAIT))).containsExactly("before", "after");
        }
        kafka.close();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(kafka::start).withMessageContaining("closed");
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> TopicProbe.text(record.value())).toList();
    }
}
