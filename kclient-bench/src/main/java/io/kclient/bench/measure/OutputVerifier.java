package io.kclient.bench.measure;

import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Kennel;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a contender's output topic from the start with a plain consumer of its own (no group)
 * while the contender runs, and tells when all N inputs have an output there: that moment ends the
 * contender's measured time. It checks each output by its id alone: every input present, and,
 * per key, that the first output of each input comes in sequence order (duplicates of an earlier
 * output are skipped). It reads each partition in offset order, so the order check holds for
 * contenders that keep every key on one output partition, which keyed outputs do.
 */
public final class OutputVerifier implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final long expected;
    private final Kennel kennel;
    private final ObjectReader cats = JsonMapper.builder().build().readerFor(Cat.class);
    private final CountDownLatch allSeen = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long completedAt;
    private volatile RuntimeException failure;

    // touched by the verifier thread only until close() joined it
    private final BitSet seen;
    private final long[] lastSeq;
    private final int[] keyPartition;
    private long distinct;
    private long duplicates;
    private long foreign;
    private long orderViolations;
    private long splitKeys;
    private long rekeyed;

    public OutputVerifier(String bootstrapServers, String topic, long expected, Kennel kennel) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.expected = expected;
        this.kennel = kennel;
        this.seen = new BitSet(Math.toIntExact(expected));
        this.lastSeq = new long[kennel.keys()];
        this.keyPartition = new int[kennel.keys()];
        Arrays.fill(lastSeq, -1);
        Arrays.fill(keyPartition, -1);
        this.thread = new Thread(this::run, "output-verifier");
    }

    /** Starts reading; call before the contender starts so its first output is not missed in time. */
    public void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
    }

    /** Waits up to {@code timeout} for all N outputs; true when they are all there. */
    public boolean awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
        return allSeen.await(timeout, unit);
    }

    /** {@link System#nanoTime()} when the last missing output was read, or 0 while some are missing. */
    public long completedAt() {
        return completedAt;
    }

    /**
     * CPU nanoseconds the verifier's thread used so far. Its work per record is the same whatever
     * the contender, so it measures how fast the machine ran meanwhile (see {@link RunResult#relativeCpu()}).
     */
    public long cpuNanos() {
        return Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId()));
    }

    /** Why reading failed, or {@code null}. */
    public RuntimeException failure() {
        return failure;
    }

    /** Stops reading; outputs read so far, duplicates after completion included, make the verdict. */
    public Verdict stop() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Verdict(expected, distinct, duplicates, foreign, orderViolations, splitKeys, rekeyed);
    }

    @Override
    public void close() {
        stop();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    check(record);
                }
                if (distinct == expected && completedAt == 0) {
                    completedAt = System.nanoTime();
                    allSeen.countDown();
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            allSeen.countDown();
        } finally {
            consumer.close();
        }
    }

    private void check(ConsumerRecord<byte[], byte[]> record) {
        long id = cats.<Cat>readValue(record.value()).id();
        if (id < 0 || id >= expected) {
            foreign++;
            return;
        }
        if (seen.get((int) id)) {
            duplicates++;
            return;
        }
        seen.set((int) id);
        distinct++;
        int key = kennel.keyIndexOf(id);
        if (!Arrays.equals(record.key(), kennel.keyOf(id))) {
            rekeyed++;
        }
        if (keyPartition[key] == -1) {
            keyPartition[key] = record.partition();
        } else if (keyPartition[key] != record.partition()) {
            splitKeys++;
        }
        long seq = kennel.seqOf(id);
        if (seq < lastSeq[key]) {
            orderViolations++;
        } else {
            lastSeq[key] = seq;
        }
    }
}
