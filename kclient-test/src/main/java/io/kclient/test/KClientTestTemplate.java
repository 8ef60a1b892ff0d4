package io.kclient.test;

import io.kclient.clients.TextHeaders;
import io.kclient.convert.PayloadConverters;
import io.kclient.listener.DeadLetterPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends test payloads to the {@link KClientTest} broker and awaits what handlers publish.
 * Payloads and keys are written and read as KClient's handlers write and read them: {@code String}
 * as UTF-8 text, {@code byte[]} as is, Avro and Protobuf types in their format (when
 * {@code kclient-avro} or {@code kclient-protobuf} is on the class path, with their default
 * settings), anything else as JSON with the application's mapper. Each topic is read from its
 * beginning, once: every await returns the records this template has not returned before, so a
 * test sees each output once. Thread-safe; closed with its context.
 */
public final class KClientTestTemplate implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final PayloadConverters converters;
    private final KafkaProducer<byte[], byte[]> producer;
    /** One reader per topic, kept open so its position remembers what was returned. */
    private final Map<String, KafkaConsumer<byte[], byte[]>> readers = new HashMap<>();

    /**
     * @param bootstrapServers the broker's {@code host:port} list
     * @param jsonMapper writes and reads JSON payloads
     */
    public KClientTestTemplate(String bootstrapServers, ObjectMapper jsonMapper) {
        this.bootstrapServers = bootstrapServers;
        this.converters = new PayloadConverters(jsonMapper).withMaxPayloadBytes(Integer.MAX_VALUE); // outputs are trusted
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends a payload and returns once the broker acknowledged it. */
    public RecordMetadata send(String topic, Object key, Object payload) {
        return send(topic, key, payload, Map.of());
    }

    /** Sends a payload with headers (UTF-8 text values) and returns once the broker acknowledged it. */
    public RecordMetadata send(String topic, Object key, Object payload, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, write(key), write(payload));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not take a record for " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The next record on {@code topic}, read as {@code type} ({@code String}, {@code byte[]}, an
     * Avro or Protobuf type, or a class read from JSON).
     *
     * @throws AssertionError when none arrives within {@code timeout}
     */
    public <T> T awaitOutput(String topic, Class<T> type, Duration timeout) {
        return read(awaitRecords(topic, 1, timeout).get(0).value(), type);
    }

    /**
     * The next {@code count} records on {@code topic}, in partition order (in order of arrival
     * within a partition), headers included.
     *
     * @throws AssertionError when fewer arrive within {@code timeout}
     */
    public synchronized List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaConsumer<byte[], byte[]> reader = reader(topic, deadline, timeout);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (records.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                records.add(record);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("Expected " + count + " record(s) on '" + topic + "' within " + timeout + ", got "
                    + records.size());
        }
        // what came beyond count is read again by the next await
        for (ConsumerRecord<byte[], byte[]> extra : records.subList(count, records.size())) {
            TopicPartition partition = new TopicPartition(extra.topic(), extra.partition());
            if (reader.position(partition) > extra.offset()) {
                reader.seek(partition, extra.offset());
            }
        }
        return List.copyOf(records.subList(0, count));
    }

    /** A record's key or value read as {@code type}, as a handler's parameter of that type would get it. */
    public <T> T read(byte[] bytes, Class<T> type) {
        return type.cast(converters.readerFor(type).read(bytes));
    }

    /**
     * Why KClient gave up on a record of a dead-letter topic: its exception's class and message, as
     * {@code class: message}, from the headers it added.
     */
    public String deadLetterReason(ConsumerRecord<byte[], byte[]> deadLetter) {
        return TextHeaders.text(deadLetter.headers(), DeadLetterPublisher.EXCEPTION_CLASS) + ": "
                + TextHeaders.text(deadLetter.headers(), DeadLetterPublisher.EXCEPTION_MESSAGE);
    }

    /** The bytes a handler returning {@code value} would publish, as {@link #send} writes them; {@code null} stays {@code null}. */
    public byte[] write(Object value) {
        return converters.write(value);
    }

    /** The topic's reader, assigned all its partitions from their beginning once the topic exists. */
    private KafkaConsumer<byte[], byte[]> reader(String topic, long deadline, Duration timeout) {
        KafkaConsumer<byte[], byte[]> reader = readers.get(topic);
        if (reader != null) {
            return reader;
        }
        reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> partitions = List.of();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            partitions = partitionsOf(reader, topic);
        }
        if (partitions.isEmpty()) {
            reader.close();
            throw new AssertionError("Topic '" + topic + "' does not exist after " + timeout
                    + ": is a handler publishing to it, and is the name right?");
        }
        List<TopicPartition> assigned = partitions.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        reader.assign(assigned);
        reader.seekToBeginning(assigned);
        readers.put(topic, reader);
        return reader;
    }

    /** The topic's partitions; none while it does not exist yet. */
    private static List<PartitionInfo> partitionsOf(KafkaConsumer<byte[], byte[]> reader, String topic) {
        try {
            return reader.partitionsFor(topic, POLL);
        } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
            return List.of();
        }
    }

    /** Closes the producer and the readers. */
    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        readers.values().forEach(reader -> reader.close(Duration.ofSeconds(5)));
        readers.clear();
    }
}
