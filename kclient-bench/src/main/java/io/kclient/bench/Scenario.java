package io.kclient.bench;

import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.List;

/**
 * One workload: how the input is laid out, what the handler does, how much parallelism every
 * contender gets, and what its throughput is compared with.
 *
 * @param name {@code fast}, {@code batch}, {@code slow}, {@code backlog} or {@code rpc}
 * @param records N, the records preloaded and expected on each output topic; in {@code rpc}, the calls timed
 * @param partitions partitions of the input topic (and of each output topic)
 * @param keys K, distinct keys spread over the records
 * @param concurrency workers (or consumers, where a contender cannot do better) every contender gets
 * @param maxInFlight KClient's {@code max-in-flight}: records held between poll and commit (KClient's default)
 * @param handlerDelay how long the handler waits per record, as if on I/O
 * @param contenders the contenders run by default, in order
 * @param idealRate the bound the ratio column is relative to in messages/s, or 0 to compare with
 *     the first contender (the hand-written loop)
 * @param warmUpRecords records each contender handles, untimed, before any contender is timed, or
 *     0 for none: without it each contender's first round pays for compiling its code (and in a
 *     shared JVM the first contender also for the code all of them share: JSON, the Kafka clients)
 * @param rounds timed rounds of every contender, taken in turn; the table shows each one's median
 */
public record Scenario(String name, long records, int partitions, int keys, int concurrency, int maxInFlight,
        Duration handlerDelay, List<String> contenders, double idealRate, long warmUpRecords, int rounds) {

    /**
     * Pure conversion: what the engine itself costs, against a loop written by hand. A warm-up of
     * 1,000,000 records and three rounds, since on a small machine the JIT keeps compiling for
     * millions of records: in a contender's own JVM after a 200,000-record warm-up, the compiler
     * threads still used 2.3, 2.0 and 1.5 s of CPU during the hand-written loop's three rounds of
     * about 5 s each.
     */
    public static Scenario fast() {
        return new Scenario("fast", 1_000_000, 6, 10_000, 6, HandlerSettings.MAX_IN_FLIGHT.defaultValue(), Duration.ZERO,
                List.of("hand-written", "kclient-key", "kclient-partition", "kclient-none", "spring-kafka"), 0, 1_000_000, 3);
    }

    /**
     * {@link #fast()} with a batch handler ({@code kclient-batch}: a list of one partition's dogs
     * per call, {@code KEY} order), against the hand-written loop and KClient's one-record handler.
     */
    public static Scenario batch() {
        Scenario fast = fast();
        return new Scenario("batch", fast.records, fast.partitions, fast.keys, fast.concurrency, fast.maxInFlight,
                fast.handlerDelay, List.of("hand-written", "kclient-batch", "kclient-key"), 0, fast.warmUpRecords, fast.rounds);
    }

    /**
     * A handler that waits 5 ms on one partition: parallelism beyond the partition count. The
     * ideal is every worker busy all the time, concurrency / 5 ms. A warm-up of 20,000 records:
     * in a contender's own JVM after 2,000, the JIT took 4 s of CPU during KClient's 5-s run
     * (Spring Kafka, serial, takes 100 s over it).
     */
    public static Scenario slow() {
        Duration delay = Duration.ofMillis(5);
        int concurrency = 64;
        return new Scenario("slow", 50_000, 1, 1_000, concurrency, HandlerSettings.MAX_IN_FLIGHT.defaultValue(), delay,
                List.of("kclient-key", "spring-kafka", "parallel-consumer"), idealRate(concurrency, delay), 20_000, 1);
    }

    /**
     * A 2,000,000-record backlog through KClient alone, meant for a small heap
     * ({@code java -Xmx256m}): the in-flight bound, not the backlog, decides what is held, so the
     * run completes, and the peak heap after GC shows how much was needed.
     */
    public static Scenario backlog() {
        return new Scenario("backlog", 2_000_000, 6, 10_000, 6, HandlerSettings.MAX_IN_FLIGHT.defaultValue(), Duration.ZERO,
                List.of("kclient-key"), 0, 0, 1);
    }

    /**
     * Request/reply latency, not throughput: N calls one after the other, each waiting for its
     * reply, through KClient's RpcClient and a {@code @Replies} handler on one partition.
     */
    public static Scenario rpc() {
        return new Scenario("rpc", 2_000, 1, 1, 1, 1_000, Duration.ZERO, List.of("kclient-rpc"), 0, 0, 1);
    }

    /** Whether the heap it reports is meant to hold the broker too, so its contender runs in the broker's JVM. */
    public boolean measuresHeapWithBroker() {
        return name.equals("backlog");
    }

    /** Whether the scenario measures round trips rather than throughput. */
    public boolean isRoundTrip() {
        return name.equals("rpc");
    }

    static double idealRate(int concurrency, Duration delay) {
        return concurrency * 1_000_000_000.0 / delay.toNanos();
    }

    public Scenario withRecords(long records) {
        return new Scenario(name, records, partitions, keys, concurrency, maxInFlight, handlerDelay, contenders, idealRate, warmUpRecords, rounds);
    }

    public Scenario withContenders(List<String> contenders) {
        return new Scenario(name, records, partitions, keys, concurrency, maxInFlight, handlerDelay, contenders, idealRate, warmUpRecords, rounds);
    }

    /** Changing the concurrency moves the ideal bound with it. */
    public Scenario withConcurrency(int concurrency) {
        double ideal = idealRate > 0 ? idealRate(concurrency, handlerDelay) : 0;
        return new Scenario(name, records, partitions, keys, concurrency, maxInFlight, handlerDelay, contenders, ideal, warmUpRecords, rounds);
    }

    public Scenario withWarmUpRecords(long warmUpRecords) {
        return new Scenario(name, records, partitions, keys, concurrency, maxInFlight, handlerDelay, contenders, idealRate, warmUpRecords, rounds);
    }

    public Scenario withRounds(int rounds) {
        return new Scenario(name, records, partitions, keys, concurrency, maxInFlight, handlerDelay, contenders, idealRate, warmUpRecords, rounds);
    }

    public Scenario withMaxInFlight(int maxInFlight) {
        return new Scenario(name, records, partitions, keys, concurrency, maxInFlight, handlerDelay, contenders, idealRate, warmUpRecords, rounds);
    }

    /** How long a contender may take before it is reported as failed: generous, since Spring Kafka is serial in {@code slow}. */
    public Duration timeout() {
        long serialMillis = records * Math.max(handlerDelay.toMillis(), 0);
        return Duration.ofSeconds(120).plusMillis(serialMillis * 3 / 2).plusMillis(records / 5);
    }
}
