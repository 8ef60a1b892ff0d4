package io.kclient.sample.api;

import io.kclient.clients.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a topic's last records with a consumer from KClient's client factory (so it connects
 * wherever the handlers do, secured clusters included) and without joining a group (so it moves
 * nobody's offsets): it assigns every partition, seeks to {@code limit} before each end, and
 * keeps the newest overall. Only topics on {@code sample.api.readable-topics}.
 */
@Component
class TopicReader {

    private final KafkaClientFactory clients;
    private final TopicDirectory topics;
    private final ObjectMapper json;
    private final ApiProperties api;

    TopicReader(KafkaClientFactory clients, TopicDirectory topics, ObjectMapper json, ApiProperties api) {
        this.clients = clients;
        this.topics = topics;
        this.json = json;
        this.api = api;
    }

    List<StoredRecord> last(String topic, int limit) {
        List<TopicPartition> partitions = topics.requireAllowed(topic, api.readableTopics(), "sample.api.readable-topics")
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        try (Consumer<byte[], byte[]> consumer = clients.createConsumer(consumerConfig())) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(beginnings.get(partition), ends.get(partition) - limit));
            }
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + api.timeout().toNanos();
            while (!reachedEnds(consumer, partitions, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
            return records.stream()
                    .sorted(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                            .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset))
                    .skip(Math.max(0, records.size() - limit))
                    .map(this::toStored)
                    .toList();
        }
    }

    /** The factory's settings, the reader's own over them: no group, no commits, the API's timeout. */
    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = clients.consumerConfig(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) api.timeout().toMillis()));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private static boolean reachedEnds(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    private StoredRecord toStored(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new StoredRecord(key, record.partition(), record.offset(), record.timestamp(), valueOf(record.value()));
    }

    /** JSON values as JSON; anything else (plain text, binary) as a string, so the answer is always JSON. */
    private JsonNode valueOf(byte[] value) {
        if (value == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(value);
        } catch (JacksonException notJson) {
            return json.getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
        }
    }
}
