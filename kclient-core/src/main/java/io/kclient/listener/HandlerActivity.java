package io.kclient.listener;

import io.kclient.observe.HandlerObserver;
import io.kclient.observe.TopicObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * What one handler is doing, as operators see it: it gives the engine the {@link HandlerObserver}'s
 * {@link TopicObserver} of each topic (asked for once per topic), and keeps what a status view
 * needs: when a record last completed, since when records wait with none completing (a stall), the
 * lag per partition and whether the consumer is connected. The poll thread tells it, once per loop,
 * how many records are unfinished and whether any finished; lag and connection are sampled there
 * too, at most once per {@link #SAMPLE_INTERVAL}, from the consumer's own state, so they cost no
 * call to the broker.
 */
public final class HandlerActivity {

    static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    /** The consumer's count of open broker connections; zero when no broker answers. */
    private static final String CONNECTION_COUNT = "connection-count";
    private static final String CONSUMER_METRICS = "consumer-metrics";
    private static final long NEVER = Long.MIN_VALUE;

    private final String handlerId;
    private final HandlerObserver observer;
    private final Clock clock;
    private final Map<String, TopicObserver> topics = new ConcurrentHashMap<>();
    /** Records received and not finished, as the poll thread last counted them. */
    private volatile int unfinished;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    /** Epoch millis, or {@link #NEVER}: read from the clock as a number, since every record's end sets it. */
    private volatile long lastCompletion = NEVER;
    private volatile long busySince = NEVER;
    private volatile boolean connected = true;
    private volatile Throwable failure;
    private long nextSampleNanos;
    /** Samples in a row that found no connection; a consumer opens its first ones during its first polls. */
    private int unconnectedSamples;

    /** @param observer hears every record's events, under {@code handlerId} */
    public HandlerActivity(String handlerId, HandlerObserver observer) {
        this(handlerId, observer, Clock.systemUTC());
    }

    HandlerActivity(String handlerId, HandlerObserver observer, Clock clock) {
        this.handlerId = handlerId;
        this.observer = observer;
        this.clock = clock;
    }

    /** The observer, for the parts of the handler that publish: outputs and dead letters. */
    public HandlerObserver observer() {
        return observer;
    }

    /** The observer of this handler's records of {@code topic}: asked of the {@link HandlerObserver} once, then kept. */
    public TopicObserver topic(String topic) {
        return topics.computeIfAbsent(topic, name -> observer.topic(handlerId, name));
    }

    /** When a record last completed (handled or dead-lettered), or {@code null} if none did since the start. */
    public Instant lastCompletion() {
        return instant(lastCompletion);
    }

    /**
     * Since when records have been waiting while none completed: the later of the last
     * completion and the moment the handler went from idle to busy; {@code null} when idle.
     */
    public Instant noProgressSince() {
        if (unfinished == 0) {
            return null;
        }
        return instant(Math.max(lastCompletion, busySince)); // the later of the two; NEVER is below any time
    }

    private static Instant instant(long epochMillis) {
        return epochMillis == NEVER ? null : Instant.ofEpochMilli(epochMillis);
    }

    /** Records behind the end of each assigned partition, as of the consumer's last fetch; absent where not known yet. */
    public Map<TopicPartition, Long> lag() {
        return Map.copyOf(lag);
    }

    /**
     * Whether the consumer has a broker connection: {@code false} once two samples in a row (a
     * second apart) found none, so the moments before the first connection do not count.
     */
    public boolean connected() {
        return connected;
    }

    /** Why the poll loop died, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    void started() {
        failure = null;
        connected = true;
        unfinished = 0;
        lag.clear();
        nextSampleNanos = System.nanoTime();
        unconnectedSamples = 0;
    }

    void stopped() {
        unfinished = 0;
        lag.clear();
        observer.sampled(handlerId, 0, 0, Map.of());
    }

    void consumerFailed(Throwable cause) {
        failure = cause;
    }

    /**
     * The poll thread, once per loop: {@code unfinishedNow} records are received and not finished
     * (running, waiting, or retrying), and whether any record finished since the last call.
     */
    void progress(int unfinishedNow, boolean finishedSome) {
        long now = clock.millis();
        if (finishedSome) {
            lastCompletion = now;
        }
        if (unfinished == 0 && unfinishedNow > 0) {
            busySince = now;
        }
        unfinished = unfinishedNow;
    }

    /**
     * On the poll thread: refreshes lag and connection from the consumer's local state, at most
     * once per interval, and tells the observer.
     */
    void sample(Consumer<?, ?> consumer, Set<TopicPartition> assigned, int inFlight, long inFlightBytes) {
        long now = System.nanoTime();
        if (now - nextSampleNanos < 0) {
            return;
        }
        nextSampleNanos = now + SAMPLE_INTERVAL.toNanos();
        lag.keySet().retainAll(assigned);
        for (TopicPartition partition : assigned) {
            OptionalLong current = consumer.currentLag(partition);
            if (current.isPresent()) {
                lag.put(partition, current.getAsLong());
            }
        }
        unconnectedSamples = connectionCount(consumer.metrics()) == 0 ? unconnectedSamples + 1 : 0;
        connected = unconnectedSamples < 2;
        observer.sampled(handlerId, inFlight, inFlightBytes, Map.copyOf(lag));
    }

    /** The consumer's open connections; -1 when it does not report them (a {@code MockConsumer}). */
    private static double connectionCount(Map<MetricName, ? extends Metric> metrics) {
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            if (CONNECTION_COUNT.equals(name.name()) && CONSUMER_METRICS.equals(name.group())
                    && metric.getValue().metricValue() instanceof Number count) {
                return count.doubleValue();
            }
        }
        return -1;
    }
}
