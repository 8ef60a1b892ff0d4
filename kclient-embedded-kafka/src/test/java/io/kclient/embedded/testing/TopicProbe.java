package io.kclient.embedded.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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
 * also sees records of aborted transactions. Values are UTF-8 text, JSON with an {@code "id"} for
 * the methods that count ids.
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> clientProperties;
    private final KafkaProducer<byte[], byte[]> producer;

    public TopicProbe(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** @param security what a client of this cluster needs besides the bootstrap servers (SASL settings, say) */
    public TopicProbe(String bootstrapServers, Map<String, String> security) {
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

    private KafkaConsumer<byte[], byte[]> reader(String isolation) {
        return new KafkaConsumer<>(with(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Sends and waits for the broker's acknowledgement; headers as name, value, name, value... */
    public void send(String topic, String key, String value, String... headerNamesAndValues) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key == null ? null : bytes(key), value == null ? null : bytes(value));
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            record.headers().add(new RecordHeader(headerNamesAndValues[i], bytes(headerNamesAndValues[i + 1])));
        }
        send(record);
    }

    /** Sends without waiting; {@link #flush()} waits for everything sent so far. */
    public void sendAsync(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, bytes(key), bytes(value)));
    }

    public void flush() {
        producer.flush();
    }

    public void send(ProducerRecord<byte[], byte[]> record) {
        Future<RecordMetadata> sent = producer.send(record);
        try {
            sent.get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }
    }

    /** Every record of the topic once at least {@code expected} are there, or what there is after {@code timeout}. */
    public List<ConsumerRecord<byte[], byte[]>> readAtLeast(String topic, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = reader("read_committed")) {
            fromTheBeginning(consumer, topic, deadline);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * The whole topic once it holds {@code distinct} different ids (duplicates aside), or what it
     * holds after {@code timeout}: at-least-once output is complete when every id is there. Read
     * on to the topic's end then, so that duplicates written meanwhile are in the answer too.
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitDistinctIds(String topic, int distinct, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = reader("read_committed")) {
            List<TopicPartition> partitions = fromTheBeginning(consumer, topic, deadline);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            while (ids.size() < distinct && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records.add(record);
                    ids.add(id(record));
                }
            }
            readToTheEnd(consumer, partitions, records);
            return records;
        }
    }

    /**
     * Where the topic's committed records end, over all partitions: it grows only when records are
     * written (and, in a transaction, committed). Counts transaction markers too, so it is no count.
     */
    public long committedEnd(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = reader("read_committed")) {
            return consumer.endOffsets(partitions(consumer, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Waits until the topic's {@link #committedEnd} passes {@code end}, checking often: the moment a
     * test acts on (a kill, say) follows the output it waited for closely.
     *
     * @throws AssertionError when it has not within {@code timeout}
     */
    public void awaitCommittedEndPast(String topic, long end, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = reader("read_committed")) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            while (consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum() <= end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("'" + topic + "' did not grow past " + end + " within " + timeout);
                }
                pause(Duration.ofMillis(5));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The group's committed offsets of the topic's partitions, added up: with one record an offset, the records it has done. */
    public long committedOffsets(String group, String topic) {
        try (Admin admin = Admin.create(with(Map.of()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .filter(commit -> commit.getKey().topic().equals(topic) && commit.getValue() != null)
                    .mapToLong(commit -> commit.getValue().offset()).sum();
        } catch (Exception e) {
            throw new AssertionError("could not read the offsets of group " + group, e);
        }
    }

    /**
     * Waits until the group has committed the topic to its end: every record of it is done, and
     * (the engine commits a record only once its outputs are acknowledged, or commits them in one
     * transaction) every output of it written. What a test reads then is all there will be.
     *
     * @throws AssertionError when it has not within {@code timeout}
     */
    public void awaitGroupAtEnd(String group, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long end = committedEnd(topic);
        long committed;
        while ((committed = committedOffsets(group, topic)) < end) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " committed " + committed + " of the " + end + " offsets of '" + topic
                        + "' within " + timeout);
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** Every committed record of the topic, to its current end. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, "read_committed");
    }

    /** Every record of the topic to its current end, those of aborted or open transactions too. */
    public List<ConsumerRecord<byte[], byte[]>> readAllUncommitted(String topic) {
        return readAll(topic, "read_uncommitted");
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = reader(isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            readToTheEnd(consumer, partitions, records);
            return records;
        }
    }

    /** Assigns every partition of the topic from its beginning, once the topic exists (or the deadline passed). */
    private static List<TopicPartition> fromTheBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic, long deadline) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            partitions = partitions(consumer, topic);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Polls into {@code records} until the consumer is at the end each partition has now. */
    private static void readToTheEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            consumer.poll(POLL).forEach(records::add);
        }
    }

    /** The {@code "id"} of a JSON value. */
    public static String id(ConsumerRecord<byte[], byte[]> record) {
        return text(record.value()).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
