package io.kclient.deadletter;

import io.kclient.KClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * One reader's view of a handler's dead-letter topics, taken when it opens: their partitions, where
 * each ends (later dead letters, a redriven record failing again among them, wait for the next
 * redrive), and each partition's {@link RedriveLedger}.
 */
final class DeadLetterScan implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Long> ends;
    private final Map<TopicPartition, RedriveLedger> ledgers = new LinkedHashMap<>();

    DeadLetterScan(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, List<String> topics, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
        try {
            for (String topic : topics) {
                for (PartitionInfo partition : consumer.partitionsFor(topic, timeout)) {
                    partitions.add(new TopicPartition(topic, partition.partition()));
                }
            }
            ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), timeout);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = committed.get(partition);
                ledgers.put(partition, RedriveLedger.of(position == null ? null : position.offset(),
                        position == null ? null : position.metadata(), starts.get(partition)));
            }
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    long end(TopicPartition partition) {
        return ends.get(partition);
    }

    RedriveLedger ledger(TopicPartition partition) {
        return ledgers.get(partition);
    }

    /**
     * Gives {@code sink} the records of {@code partition} from {@code from} up to (not including)
     * {@code to}, in offset order. Fails when no record came for the reader's timeout.
     */
    void read(TopicPartition partition, long from, long to, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        if (from >= to) {
            return;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long idleSince = System.nanoTime();
        while (consumer.position(partition, timeout) < to) {
            List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
            if (!records.isEmpty()) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
                throw new KClientException("Reading dead letters of " + partition + " got no record for " + timeout
                        + " at offset " + consumer.position(partition) + " of " + to + ": is the broker reachable?");
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() < to) {
                    sink.accept(record);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
