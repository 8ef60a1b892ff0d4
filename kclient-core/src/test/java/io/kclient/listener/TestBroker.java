package io.kclient.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What a broker keeps, for engine tests without one: the records of each partition and a group's
 * commits, which outlive any one consumer (a restart, the partition's next owner). Its consumers
 * ({@link #joining}) read as real ones do, from their position: a seek reads records again, a new
 * consumer starts at the committed offset and sees the last commit's metadata. Faults are switched
 * on per test: asynchronous commits that fail, an outage in which synchronous commits block until
 * their timeout, a broker that refuses commit metadata.
 */
final class TestBroker {

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new ConcurrentHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new ConcurrentHashMap<>();
    /** Each commit the broker took, in order; and the asynchronous ones it failed. */
    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> failedCommits = new CopyOnWriteArrayList<>();
    private final List<BrokerConsumer> consumers = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedForMetadata = new AtomicInteger();
    private volatile Predicate<Map<TopicPartition, OffsetAndMetadata>> failingAsyncCommits = offsets -> false;
    private volatile boolean refuseMetadata;
    private volatile CountDownLatch outage = new CountDownLatch(0);
    /** How long a consumer's synchronous commit without a timeout may block: Kafka's {@code default.api.timeout.ms}. */
    private volatile Duration apiTimeout = Duration.ofSeconds(60);
    /** Counts appends, so that a consumer waiting for records misses none. */
    private long appended;

    /** Consumers that join the group and get {@code assigned} at their first poll: one per start of a container. */
    Supplier<Consumer<byte[], byte[]>> joining(TopicPartition... assigned) {
        return () -> {
            BrokerConsumer consumer = new BrokerConsumer(this, List.of(assigned), apiTimeout);
            consumers.add(consumer);
            return consumer;
        };
    }

    /** Consumers made from now on block a synchronous commit without a timeout this long at most. */
    void apiTimeout(Duration timeout) {
        apiTimeout = timeout;
    }

    /** Every consumer made so far, the latest last. */
    List<BrokerConsumer> consumers() {
        return List.copyOf(consumers);
    }

    BrokerConsumer latestConsumer() {
        return consumers.get(consumers.size() - 1);
    }

    /** Appends records with these values, keyed by {@code keyOf}, to the end of {@code partition}. */
    void append(TopicPartition partition, List<String> values, Function<String, String> keyOf) {
        synchronized (log) {
            List<ConsumerRecord<byte[], byte[]>> records = log.computeIfAbsent(partition, p -> new CopyOnWriteArrayList<>());
            for (String value : values) {
                String key = keyOf.apply(value);
                records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), records.size(),
                        key == null ? null : bytes(key), bytes(value)));
            }
            appended++;
            log.notifyAll();
        }
    }

    /** Values "0", "1", ... "n-1". */
    static List<String> numbered(int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(Integer.toString(i));
        }
        return values;
    }

    /** The group's last commit of {@code partition}, or null. */
    OffsetAndMetadata committed(TopicPartition partition) {
        return committed.get(partition);
    }

    /** The group's committed offset of {@code partition}, or -1. */
    long committedOffset(TopicPartition partition) {
        OffsetAndMetadata commit = committed.get(partition);
        return commit == null ? -1 : commit.offset();
    }

    /** Every commit the broker took, in order. */
    List<Map<TopicPartition, OffsetAndMetadata>> commits() {
        return List.copyOf(commits);
    }

    /** The asynchronous commits the broker failed, in order. */
    List<Map<TopicPartition, OffsetAndMetadata>> failedCommits() {
        return List.copyOf(failedCommits);
    }

    /** A commit made outside the group's consumers, as a tool (or MirrorMaker 2's offset sync) writes one. */
    void commitFromOutside(TopicPartition partition, OffsetAndMetadata commit) {
        committed.put(partition, commit);
        commits.add(Map.of(partition, commit));
    }

    /**
     * What a crash leaves for the next owner: a broker holding the records and the commits as they
     * are now, which nothing the crashed instance still does can change.
     */
    TestBroker afterCrash() {
        TestBroker after = new TestBroker();
        synchronized (log) {
            log.forEach((partition, records) -> after.log.put(partition, new CopyOnWriteArrayList<>(records)));
        }
        after.committed.putAll(committed);
        return after;
    }

    /** The records done that a commit names in its metadata, beyond its offset: what its next owner skips. */
    static int namedDone(OffsetAndMetadata commit) {
        return commit == null ? 0 : DoneOffsets.of(commit).count();
    }

    /** Asynchronous commits matching {@code which} fail, as they do while the group coordinator moves. */
    void failAsyncCommits(Predicate<Map<TopicPartition, OffsetAndMetadata>> which) {
        failingAsyncCommits = which;
    }

    /** Commits that carry metadata are refused, as by a broker whose {@code offset.metadata.max.bytes} is too low. */
    void refuseMetadata() {
        refuseMetadata = true;
    }

    int refusedForMetadata() {
        return refusedForMetadata.get();
    }

    /** The broker stops answering: asynchronous commits fail, synchronous ones block until their timeout. */
    void startOutage() {
        outage = new CountDownLatch(1);
        failAsyncCommits(offsets -> true);
    }

    /** Commits work again; synchronous commits blocked by the outage go through. */
    void endOutage() {
        failAsyncCommits(offsets -> false);
        outage.countDown();
    }

    // --- what the consumers call

    /** Positions a consumer at its next poll: the group's committed offsets. */
    Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
        return new HashMap<>(committed);
    }

    /** @return why the commit failed, or null once it is taken */
    KafkaException commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        KafkaException refused = refusal(offsets);
        if (refused == null && failingAsyncCommits.test(offsets)) {
            failedCommits.add(Map.copyOf(offsets));
            refused = new RetriableCommitFailedException("the group coordinator is moving");
        }
        if (refused == null) {
            take(offsets);
        }
        return refused;
    }

    /** Blocks through an outage, up to {@code timeout}; throws as a consumer's {@code commitSync} does. */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        try {
            if (!outage.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("Timeout of " + timeout.toMillis() + "ms expired before committing offsets " + offsets);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
        KafkaException refused = refusal(offsets);
        if (refused != null) {
            throw refused;
        }
        take(offsets);
    }

    /** Records appended so far; a consumer waits for a change of it. */
    long appended() {
        synchronized (log) {
            return appended;
        }
    }

    /** Waits up to {@code timeout} for an append after {@code seen}, or a {@link #wake()}. */
    void awaitAppend(long seen, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            long left;
            while (appended == seen && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(log, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Ends the consumers' waits for records: a test scheduled something for their next poll. */
    void wake() {
        synchronized (log) {
            appended++;
            log.notifyAll();
        }
    }

    /** The records of {@code partition} from {@code offset} on. */
    List<ConsumerRecord<byte[], byte[]>> readFrom(TopicPartition partition, long offset) {
        synchronized (log) { // with appends: a copy-on-write list's sub-list fails once the list grows
            List<ConsumerRecord<byte[], byte[]>> records = log.getOrDefault(partition, List.of());
            return offset >= records.size() ? List.of() : List.copyOf(records.subList((int) offset, records.size()));
        }
    }

    private KafkaException refusal(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (refuseMetadata && offsets.values().stream().anyMatch(offset -> !offset.metadata().isEmpty())) {
            refusedForMetadata.incrementAndGet();
            return new OffsetMetadataTooLarge("metadata too large");
        }
        return null;
    }

    private void take(Map<TopicPartition, OffsetAndMetadata> offsets) {
        committed.putAll(offsets);
        commits.add(Map.copyOf(offsets));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
