package io.kclient.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends test records and reads a topic whole, outside any consumer group. Reads only committed
 * records, as a downstream consumer of exactly-once output would; {@link #readAllUncommitted}
 * also sees records of aborted transactions.
 */
final class TopicProbe implements AutoCloseable {

    private final Map<String, Object> clientProperties;
    private final KafkaProducer<byte[], byte[]> producer;

    TopicProbe(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** @param security what a client of this cluster needs besides the bootstrap servers (SASL settings, say) */
    TopicProbe(String bootstrapServers, Map<String, String> security) {
        this.clientProperties = new HashMap<>(security);
        clientProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // one request at a time: test input must arrive in the order sent even across broker failures
        this.producer = new KafkaProducer<>(with(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> with(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(settings);
        return config;
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        return reader("read_committed");
    }

    private KafkaConsumer<byte[], byte[]> reader(String isolation) {
        return new KafkaConsumer<>(with(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void send(String topic, String key, String value, String... headerNamesAndValues) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key == null ? null : bytes(key), value == null ? null : bytes(value));
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            record.headers().add(new RecordHeader(headerNamesAndValues[i], bytes(headerNamesAndValues[i + 1])));
        }
        send(record);
    }

    /** Sends without waiting; {@link #flush()} waits for everything sent so far. */
    void sendAsync(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, bytes(key), bytes(value)));
    }

    void flush() {
        producer.flush();
    }

    void send(ProducerRecord<byte[], byte[]> record) {
        Future<RecordMetadata> sent = producer.send(record);
        try {
            sent.get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }
    }

    /** Every record of the topic once at least {@code expected} are there, or what there is after {@code timeout}. */
    List<ConsumerRecord<byte[], byte[]>> readAtLeast(String topic, int expected, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Where the topic's committed records end, over all partitions: it grows only when records are
     * written (and, in a transaction, committed). Counts transaction markers too, so it is no count.
     */
    long committedEnd(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every committed record of the topic, to its current end. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, "read_committed");
    }

    /** Every record of the topic to its current end, those of aborted or open transactions too. */
    List<ConsumerRecord<byte[], byte[]>> readAllUncommitted(String topic) {
        return readAll(topic, "read_uncommitted");
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = reader(isolation)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * The whole topic once it holds {@code distinct} different cat ids (duplicates aside), or what
     * it holds after {@code timeout}: at-least-once output is complete when every id is there.
     */
    List<ConsumerRecord<byte[], byte[]>> awaitDistinctIds(String topic, int distinct, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic);
        while (records.stream().map(TopicProbe::id).distinct().count() < distinct && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            records = readAll(topic);
        }
        return records;
    }

    /** The {@code "id"} of a JSON value. */
    static String id(ConsumerRecord<byte[], byte[]> record) {
        return text(record.value()).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
