package io.kclient.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Clients against a 1-node broker with the default settings: the test JVM's shared one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedKafkaIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void producesAndConsumesARecord() {
        SharedKafka.createTopics(1, (short) 1, "greetings");

        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            probe.send("greetings", "k", "hello");
            assertThat(probe.readAtLeast("greetings", 1, WAIT)).singleElement().satisfies((record) -> {
                assertThat(TopicProbe.text(record.key())).isEqualTo("k");
                assertThat(TopicProbe.text(record.value())).isEqualTo("hello");
            });
        }
    }

    @Test
    void bootstrapServersIsTheAdvertisedLocalhostAddress() {
        assertThat(SharedKafka.bootstrapServers()).matches("localhost:\\d+");
    }

    @Test
    void createTopicsLeavesExistingTopicsAlone() throws Exception {
        SharedKafka.createTopics(2, (short) 1, "existing");
        SharedKafka.createTopics(5, (short) 1, "existing", "added");

        try (Admin admin = admin()) {
            var topics = admin.describeTopics(List.of("existing", "added")).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get("existing").partitions()).hasSize(2);
            assertThat(topics.get("added").partitions()).hasSize(5);
        }
    }

    /**
     * A producer that takes no retry writes to new topics at once: createTopics returns only when
     * each partition's leader has it online, not when the metadata first names the leader (a
     * refused first batch is what an idempotent producer answers with reordered batches).
     */
    @Test
    void createdTopicsTakeWritesAtOnce() throws Exception {
        List<String> topics = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "at-once-" + i).toList();
        SharedKafka.createTopics(6, (short) 1, topics.toArray(String[]::new));

        try (KafkaProducer<String, String> producer = KafkaClients.producer(SharedKafka.bootstrapServers(),
                Map.of(ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false))) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String topic : topics) {
                for (int partition = 0; partition < 6; partition++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, partition, "k", "v")));
                }
            }
            for (java.util.concurrent.Future<?> send : sent) {
                send.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void doesNotAutoCreateTopics() throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(SharedKafka.bootstrapServers(),
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
        SharedKafka.createTopics(1, (short) 1, "transactional");
        try (KafkaProducer<String, String> producer = KafkaClients.producer(SharedKafka.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "k", "committed"));
            producer.commitTransaction();
        }

        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) { // reads read_committed
            assertThat(probe.readAtLeast("transactional", 1, WAIT)).extracting(record -> TopicProbe.text(record.value()))
                    .containsExactly("committed");
        }
    }

    @Test
    void servesShareGroups() throws Exception {
        SharedKafka.createTopics(1, (short) 1, "queue");
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            probe.send("queue", "k", "job");
        }

        List<String> values = new ArrayList<>();
        // A new share group starts at the latest offset; start it at the earliest to see the record.
        try (Admin admin = admin()) {
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "workers");
            AlterConfigOp fromEarliest = new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                    AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(group, List.of(fromEarliest))).all().get(10, TimeUnit.SECONDS);
        }
        try (KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
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
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
    }
}
