package io.kclient.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;

/**
 * A {@link MockConsumer} that behaves as a real one where the engine's tests need it to: it reads
 * a partition again after a seek (a plain mock forgets what it returned), keeps what was committed
 * after it is closed, and can refuse commits with metadata, as a broker with a low
 * {@code offset.metadata.max.bytes} does. Records and assignments arrive on the poll thread, as
 * they would from a fetch or a rebalance; {@link #awaitPolls} tells a test that the poll loop went
 * on, so it can show that something did not happen without sleeping.
 */
final class ReplayingConsumer extends MockConsumer<byte[], byte[]> {

    /** Every record sent, per partition: the log a seek reads again. */
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new ConcurrentHashMap<>();
    /** Offsets the mock returned, and so no longer holds. */
    private final Map<TopicPartition, Set<Long>> returned = new ConcurrentHashMap<>();
    /** The highest offset committed per partition. */
    private final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();
    /** The latest commit of each partition, metadata included. */
    private final Map<TopicPartition, OffsetAndMetadata> lastCommits = new ConcurrentHashMap<>();
    private final AtomicInteger refusedForMetadata = new AtomicInteger();
    private volatile boolean refuseMetadata;

    ReplayingConsumer() {
        super("earliest");
    }

    /** Adds the records on the poll thread, all at once, as one fetch would bring them; a value's key is {@code keyOf} it. */
    void send(TopicPartition partition, long firstOffset, List<String> values, UnaryOperator<String> keyOf) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        long offset = firstOffset;
        for (String value : values) {
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(partition.topic(), partition.partition(), offset++,
                    bytes(keyOf.apply(value)), bytes(value));
            log.computeIfAbsent(partition, p -> new CopyOnWriteArrayList<>()).add(record);
            batch.add(record);
        }
        schedulePollTask(() -> batch.forEach(this::addRecord));
    }

    /** At the next poll, assigns {@code partitions}, each from offset 0; the latch opens once that poll did. */
    CountDownLatch assignOnNextPoll(TopicPartition... partitions) {
        CountDownLatch assigned = new CountDownLatch(1);
        schedulePollTask(() -> {
            Map<TopicPartition, Long> beginnings = new HashMap<>();
            for (TopicPartition partition : partitions) {
                beginnings.put(partition, 0L);
            }
            updateBeginningOffsets(beginnings);
            rebalance(List.of(partitions));
            assigned.countDown();
        });
        return assigned;
    }

    /**
     * Waits until the poll loop has started {@code polls} more polls: then every poll before the
     * last has returned, and what the loop does with a poll's records (count them in flight,
     * dispatch them, commit) happened for all but the last. Tasks scheduled before run first.
     */
    void awaitPolls(int polls) {
        CountDownLatch done = new CountDownLatch(polls);
        for (int i = 0; i < polls; i++) {
            schedulePollTask(done::countDown);
        }
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the poll loop did not poll " + polls + " times within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The highest offset committed for the partition, or -1; kept after the consumer is closed. */
    long committed(TopicPartition partition) {
        return commits.getOrDefault(partition, -1L);
    }

    /** The partition's latest commit, metadata included, or {@code null}. */
    OffsetAndMetadata lastCommit(TopicPartition partition) {
        return lastCommits.get(partition);
    }

    /** The latest commit of every partition ever committed. */
    Map<TopicPartition, OffsetAndMetadata> lastCommits() {
        return Map.copyOf(lastCommits);
    }

    /** From now on, refuses every commit that carries metadata. */
    void refuseMetadata() {
        refuseMetadata = true;
    }

    /** How many commits were refused for their metadata. */
    int refusedForMetadata() {
        return refusedForMetadata.get();
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        records.forEach(r -> returned.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
                p -> ConcurrentHashMap.newKeySet()).add(r.offset()));
        return records;
    }

    /** A real consumer fetches a partition again after a seek; the mock forgets what it returned. */
    @Override
    public synchronized void seek(TopicPartition partition, long offset) {
        super.seek(partition, offset);
        Set<Long> gone = returned.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet());
        log.getOrDefault(partition, List.of()).stream()
                .filter(r -> r.offset() >= offset && gone.remove(r.offset()))
                .forEach(super::addRecord);
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (refuses(offsets)) {
            throw new OffsetMetadataTooLarge("metadata too large");
        }
        super.commitSync(offsets);
        remember(offsets);
    }

    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        if (refuses(offsets)) {
            callback.onComplete(offsets, new OffsetMetadataTooLarge("metadata too large"));
            return;
        }
        super.commitAsync(offsets, callback);
        remember(offsets);
    }

    private void remember(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> commits.merge(tp, offset.offset(), Math::max));
        lastCommits.putAll(offsets);
    }

    private boolean refuses(Map<TopicPartition, OffsetAndMetadata> offsets) {
        boolean refused = refuseMetadata && offsets.values().stream().anyMatch(offset -> !offset.metadata().isEmpty());
        if (refused) {
            refusedForMetadata.incrementAndGet();
        }
        return refused;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
