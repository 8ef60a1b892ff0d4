package io.kclient.bench;

import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.List;

/**
 * One workload: how the input is laid out, what the handler does, how much parallelism every
 * contender gets, and what its throughput is compared with.
 *
 * @param name {@code fast}, {@code slow}, {@code backlog} or {@code rpc}
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
 *     0 for none: without it the first contender also pays for compiling the code all of them share
 *     (JSON, the Kafka clients), and the order of the list decides the ratios
 * @param rounds timed rounds of every contender, taken in turn; the table shows each one's median
 */
public record Scenario(String name, long records, int partitions, int keys, int concurrency, int maxInFlight,
        Duration handlerDelay, List<String> contenders, double idealRate, long warmUpRecords, int rounds) {

    /**
     * Pure conversion: what the engine itself costs, against a loop written by hand. Three rounds,
     * since on a small machine the first timed round of each contender still runs partly cold: the
     * JIT keeps compiling for millions of records after the warm-up.
     */
    public static Scenario fast() {
        return new Scenario("fast", 1_000_000, 6, 10_000, 6, HandlerSettings.MAX_IN_FLIGHT.defaultValue(), Duration.ZERO,
                List.of("hand-written", "kclient-key", "kclient-partition", "kclient-none", "spring-kafka"), 0, 200_000, 3);
    }

    /**
     * A handler that waits 5 ms on one partition: parallelism beyond the partition count. The
     * ideal is every worker busy all the time, concurrency / 5 ms.
     */
    public static Scenario slow() {
        Duration delay = Duration.ofMillis(5);
        int concurrency = 64;
        return new Scenario("slow", 50_000, 1, 1_000, concurrency, HandlerSettings.MAX_IN_FLIGHT.defaultValue(), delay,
                List.of("kclient-key", "spring-kafka", "parallel-consumer"), idealRate(concurrency, delay), 2_000, 1);
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
