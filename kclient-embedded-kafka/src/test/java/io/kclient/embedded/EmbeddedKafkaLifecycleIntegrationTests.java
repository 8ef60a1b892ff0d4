package io.kclient.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    @Test
    void keepsTopicsAndRecordsForANewInstanceOnTheSameDataDirectory(@TempDir Path dataDirectory) throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDirectory(dataDirectory).build()) {
            first.start();
            first.createTopics(2, (short) 1, "durable");
            KafkaClients.send(first.bootstrapServers(), "durable", "k", "kept");
        }
        assertThat(dataDirectory.resolve("node-0/meta.properties")).exists();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDirectory(dataDirectory).build()) {
            second.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
                var topic = admin.describeTopics(List.of("durable")).allTopicNames().get(10, TimeUnit.SECONDS).get("durable");
                assertThat(topic.partitions()).hasSize(2);
            }
            List<ConsumerRecord<String, String>> records = KafkaClients.consume(second.bootstrapServers(), "durable", 1, Map.of());
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("kept");
        }
        assertThat(dataDirectory).isDirectory();
    }

    @Test
    void restartsAStoppedNodeOnTheSamePortWithItsData() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        try (kafka) {
            kafka.start();
            String bootstrapServers = kafka.bootstrapServers();
            int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.indexOf(':') + 1));
            kafka.createTopics(1, (short) 1, "restarted");
            KafkaClients.send(bootstrapServers, "restarted", "k", "before");

            kafka.stopNode(0);
            assertThat(Ports.isFree(port)).as("port released by the stopped node").isTrue();
            kafka.startNode(0);

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
            KafkaClients.send(bootstrapServers, "restarted", "k", "after");
            List<ConsumerRecord<String, String>> records = KafkaClients.consume(bootstrapServers, "restarted", 2, Map.of());
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("before", "after");
        }
        kafka.close();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(kafka::start).withMessageContaining("closed");
    }
}
