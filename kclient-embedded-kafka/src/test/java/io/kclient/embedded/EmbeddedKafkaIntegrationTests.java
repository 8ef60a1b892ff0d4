package io.kclient.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Clients against one shared 1-node broker with the default settings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedKafkaIntegrationTests {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void producesAndConsumesARecord() throws Exception {
        kafka.createTopics(1, (short) 1, "greetings");

        KafkaClients.send(kafka.bootstrapServers(), "greetings", "k", "hello");

        List<ConsumerRecord<String, String>> records = KafkaClients.consume(kafka.bootstrapServers(), "greetings", 1, Map.of());
        assertThat(records).singleElement().satisfies((record) -> {
            assertThat(record.key()).isEqualTo("k");
            assertThat(record.value()).isEqualTo("hello");
        });
    }

    @Test
    void bootstrapServersIsTheAdvertisedLocalhostAddress() {
        assertThat(kafka.bootstrapServers()).matches("localhost:\\d+");
    }

    @Test
    void createTopicsLeavesExistingTopicsAlone() throws Exception {
        kafka.createTopics(2, (short) 1, "existing");
        kafka.createTopics(5, (short) 1, "existing", "added");

        try (Admin admin = admin()) {
            var topics = admin.describeTopics(List.of("existing", "added")).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get("existing").partitions()).hasSize(2);
            assertThat(topics.get("added").partitions()).hasSize(5);
        }
    }

    @Test
    void doesNotAutoCreateTopics() throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000))) {
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "v")).get())
                    .withCauseInstanceOf(TimeoutException.class);
        }
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("never-created");
        }
    }

    @Test
    void commitsTransactions() throws Exception {
        kafka.createTopics(1, (short) 1, "transactional");
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "k", "committed"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = KafkaClients.consume(kafka.bootstrapServers(), "transactional", 1,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void servesShareGroups() throws Exception {
        kafka.createTopics(1, (short) 1, "queue");
        KafkaClients.send(kafka.bootstrapServers(), "queue", "k", "job");

        List<String> values = new ArrayList<>();
        // A new share group starts at the latest offset; start it at the earliest to see the record.
        try (Admin admin = admin()) {
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "workers");
            AlterConfigOp fromEarliest = new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                    AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(group, List.of(fromEarliest))).all().get(10, TimeUnit.SECONDS);
        }
        try (KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "workers"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("queue"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
            }
            consumer.commitSync();
        }
        assertThat(values).containsExactly("job");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
