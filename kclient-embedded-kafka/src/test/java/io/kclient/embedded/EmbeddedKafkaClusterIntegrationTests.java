package io.kclient.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.kclient.embedded.testing.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-node cluster losing and regaining a node.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedKafkaClusterIntegrationTests {

    @Test
    void keepsAcceptingAcksAllWritesWithOneNodeStopped() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().nodes(3).brokerProperty("min.insync.replicas", "2").build()) {
            kafka.start();
            assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
            kafka.createTopics(1, (short) 3, "replicated");

            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(), Map.of());
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>("replicated", "k", "three nodes")).get();
                int leader = partition(admin).leader().id();

                kafka.stopNode(leader);
                producer.send(new ProducerRecord<>("replicated", "k", "two nodes")).get(30, TimeUnit.SECONDS);
                TopicPartitionInfo partition = partition(admin);
                assertThat(partition.leader().id()).isNotEqualTo(leader);
                assertThat(partition.isr()).hasSize(2);

                kafka.startNode(leader);
                producer.send(new ProducerRecord<>("replicated", "k", "back to three")).get(30, TimeUnit.SECONDS);
            }
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
                assertThat(probe.readAtLeast("replicated", 3, Duration.ofSeconds(15))).extracting(record -> TopicProbe.text(record.value()))
                        .containsExactly("three nodes", "two nodes", "back to three");
            }
        }
    }

    private static TopicPartitionInfo partition(Admin admin) throws Exception {
        TopicDescription topic = admin.describeTopics(List.of("replicated")).allTopicNames()
                .get(10, TimeUnit.SECONDS).get("replicated");
        return topic.partitions().get(0);
    }
}
