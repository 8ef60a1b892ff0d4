package io.kclient.bench.contender;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer's poll loop, on its own thread: convert and send every record of a poll without
 * waiting, keep going, and commit a poll's offsets once its sends and all earlier ones were
 * acknowledged. Nothing here blocks on the broker except when the producer's buffer is full.
 */
final class HandWrittenLoop {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String outputTopic;
    private final UnaryOperator<byte[]> convert;
    private final ArrayDeque<PollAcks> unacknowledged = new ArrayDeque<>();
    private volatile boolean running = true;

    HandWrittenLoop(KafkaConsumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, String outputTopic,
            UnaryOperator<byte[]> convert) {
        this.consumer = consumer;
        this.producer = producer;
        this.outputTopic = outputTopic;
        this.convert = convert;
    }

    void stop() {
        running = false;
    }

    void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    unacknowledged.add(send(records));
                }
                commitAcknowledged(false);
            }
            producer.flush();
            commitAcknowledged(true);
        } finally {
            consumer.close();
        }
    }

    private PollAcks send(ConsumerRecords<byte[], byte[]> records) {
        PollAcks acks = new PollAcks(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            producer.send(new ProducerRecord<>(outputTopic, record.key(), convert.apply(record.value())), acks);
            acks.next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return acks;
    }

    /** Commits the offsets of the polls, oldest first, whose sends were all acknowledged. */
    private void commitAcknowledged(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().isAcknowledged()) {
            offsets.putAll(unacknowledged.pollFirst().next);
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
        } else {
            consumer.commitAsync(offsets, null);
        }
    }

    /** The sends of one poll and the offsets they make committable; a failed send stops the loop. */
    private static final class PollAcks implements Callback {

        final Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        private final AtomicInteger outstanding;
        private final AtomicReference<Exception> error = new AtomicReference<>();

        PollAcks(int sends) {
            outstanding = new AtomicInteger(sends);
        }

        boolean isAcknowledged() {
            if (error.get() != null) {
                throw new IllegalStateException("A send failed", error.get());
            }
            return outstanding.get() == 0;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                error.compareAndSet(null, exception);
            }
            outstanding.decrementAndGet();
        }
    }
}
