package io.kclient.listener;

import io.kclient.Ordering;
import io.kclient.observe.HandlerObserver;
import io.kclient.observe.TopicObserver;
import io.kclient.scaling.ScalingSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * What one handler is doing, as operators see it: it gives the engine the {@link HandlerObserver}'s
 * {@link TopicObserver} of each topic (asked for once per topic), and keeps what a status view
 * needs: when a record last completed, since when records wait with none completing (a stall), the
 * lag per partition, whether the consumer is connected, the records completed and failed (recent
 * ones per interval) and the load the autoscaling signal reads. The poll thread tells it, once per
 * loop, how many records are unfinished and how many finished; lag and connection are sampled
 * there too, at most once per {@link #SAMPLE_INTERVAL}, from the consumer's own state, so they cost
 * no call to the broker.
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
    private final HandlerLoad load;
    private final RecentActivity recent = new RecentActivity();
    private final LongAdder completedCount = new LongAdder();
    private final LongAdder failedCount = new LongAdder();
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

    /**
     * @param observer hears every record's events, under {@code handlerId}
     * @param load measures the handler's load for the autoscaling signal
     */
    public HandlerActivity(String handlerId, HandlerObserver observer, HandlerLoad load) {
        this(handlerId, observer, load, Clock.systemUTC());
    }

    HandlerActivity(String handlerId, HandlerObserver observer, Clock clock) {
        this(handlerId, observer, new HandlerLoad(Ordering.KEY, 1, ScalingSettings.DEFAULT), clock);
    }

    HandlerActivity(String handlerId, HandlerObserver observer, HandlerLoad load, Clock clock) {
        this.handlerId = handlerId;
        this.observer = observer;
        this.load = load;
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

    /** Records completed (handled, or given up) since the engine started. */
    public long completedCount() {
        return completedCount.sum();
    }

    /** Records given up (their last attempt failed) since the engine started. */
    public long failedCount() {
        return failedCount.sum();
    }

    /** Records completed and given up per interval over the last minutes. */
    public RecentActivity recent() {
        return recent;
    }

    /** What the autoscaling signal measures of the handler on this instance. */
    public HandlerLoad load() {
        return load;
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
        recent.restart();
        unfinished = 0;
        lag.clear();
        load.stopped();
        observer.sampled(handlerId, 0, 0, Map.of());
        observer.instancesNeeded(handlerId, 0);
    }

    void consumerFailed(Throwable cause) {
        failure = cause;
    }

    /**
     * The poll thread, once per loop: {@code unfinishedNow} records are received and not finished
     * (running, waiting, or retrying), and {@code finished} records finished (handled, or given
     * up) since the last call.
     */
    void progress(int unfinishedNow, int finished) {
        long now = clock.millis();
        if (finished > 0) {
            completedCount.add(finished);
            lastCompletion = now;
        }
        if (unfinished == 0 && unfinishedNow > 0) {
            busySince = now;
        }
        unfinished = unfinishedNow;
    }

    /** A record's last attempt failed: counted, and told to its topic's observer. */
    void failed(TopicObserver topic, Throwable cause) {
        failedCount.increment();
        topic.failed(cause);
    }

    /**
     * On the poll thread: refreshes lag and connection from the consumer's local state, at most
     * once per interval, and tells the observer.
     */
    void sample(Consumer<?, ?> consumer, Set<TopicPartition> assigned, int inFlight, long inFlightBytes) {
        if (!sampleDue()) {
            return;
        }
        lag.keySet().retainAll(assigned);
        for (TopicPartition partition : assigned) {
            OptionalLong current = consumer.currentLag(partition);
            if (current.isPresent()) {
                lag.put(partition, current.getAsLong());
            }
        }
        publish(consumer.metrics(), inFlight, inFlightBytes, load.sampleConsumerGroup(completedCount.sum(), assigned.size(), lag, inFlight));
    }

    /**
     * On a share group's poll thread, at most once per interval: {@code groupLag} is the whole
     * group's, per partition, as the broker last reported it (a share consumer keeps none itself).
     */
    void sampleShare(Map<MetricName, ? extends Metric> metrics, Map<TopicPartition, Long> groupLag, int members, int inFlight,
            long inFlightBytes) {
        if (!sampleDue()) {
            return;
        }
        lag.keySet().retainAll(groupLag.keySet());
        lag.putAll(groupLag);
        publish(metrics, inFlight, inFlightBytes, load.sampleShareGroup(completedCount.sum(), groupLag, members));
    }

    private boolean sampleDue() {
        long now = System.nanoTime();
        if (now - nextSampleNanos < 0) {
            return false;
        }
        nextSampleNanos = now + SAMPLE_INTERVAL.toNanos();
        return true;
    }

    private void publish(Map<MetricName, ? extends Metric> metrics, int inFlight, long inFlightBytes, double instancesNeeded) {
        unconnectedSamples = connectionCount(metrics) == 0 ? unconnectedSamples + 1 : 0;
        connected = unconnectedSamples < 2;
        recent.sample(clock.millis(), completedCount.sum(), failedCount.sum());
        observer.sampled(handlerId, inFlight, inFlightBytes, Map.copyOf(lag));
        observer.instancesNeeded(handlerId, instancesNeeded);
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
