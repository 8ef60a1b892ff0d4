package io.kclient.boot.actuate;

import io.kclient.observe.HandlerObserver;
import io.kclient.observe.TopicObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the engine's record events into Micrometer meters tagged {@code handler} and {@code topic}:
 * counters of records received, skipped, handled, retried, failed, dead-lettered and published and of
 * tombstones skipped, a timer of handling latency, a gauge of records in flight per handler, one of
 * consumer lag per partition (tagged {@code partition} too), and the autoscaling signal: this
 * instance's part of the instances the handler needs. Meters of a partition the handler no longer
 * holds are removed. The engine asks for a handler's meters of a topic once ({@link #topic}); they
 * are not looked up again per record.
 */
public final class MicrometerHandlerObserver implements HandlerObserver {

    public static final String RECEIVED = "kclient.records.received";
    public static final String SKIPPED = "kclient.records.skipped";
    public static final String TOMBSTONES_SKIPPED = "kclient.tombstones.skipped";
    public static final String HANDLED = "kclient.records.handled";
    public static final String RETRIED = "kclient.records.retried";
    public static final String FAILED = "kclient.records.failed";
    public static final String DEAD_LETTERED = "kclient.records.dead.lettered";
    public static final String PUBLISHED = "kclient.records.published";
    public static final String LATENCY = "kclient.handler.latency";
    public static final String IN_FLIGHT = "kclient.records.in.flight";
    public static final String IN_FLIGHT_BYTES = "kclient.records.in.flight.bytes";
    public static final String LAG = "kclient.consumer.lag";
    public static final String INSTANCES_NEEDED = "kclient.handler.instances.needed";

    static final String HANDLER_TAG = "handler";
    static final String TOPIC_TAG = "topic";
    static final String PARTITION_TAG = "partition";

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Counter> received;
    private final Meter.MeterProvider<Counter> skipped;
    private final Meter.MeterProvider<Counter> tombstonesSkipped;
    private final Meter.MeterProvider<Counter> handled;
    private final Meter.MeterProvider<Counter> retried;
    private final Meter.MeterProvider<Counter> failed;
    private final Meter.MeterProvider<Counter> deadLettered;
    private final Meter.MeterProvider<Counter> published;
    private final Meter.MeterProvider<Timer> latency;
    private final Map<String, HandlerGauges> gauges = new ConcurrentHashMap<>();

    public MicrometerHandlerObserver(MeterRegistry registry) {
        this.registry = registry;
        this.received = counter(RECEIVED, "Records fetched and handed to the handler's workers");
        this.skipped = counter(SKIPPED, "Records not handled again: the partition's previous owner had finished them");
        this.tombstonesSkipped = counter(TOMBSTONES_SKIPPED, "Records without a value the handler's signature does not take, "
                + "done without calling it (tombstones=skip)");
        this.handled = counter(HANDLED, "Records the handler finished, every output acknowledged");
        this.retried = counter(RETRIED, "Failed attempts followed by another attempt");
        this.failed = counter(FAILED, "Records whose last attempt failed, bound for the error handler and dead-letter topic");
        this.deadLettered = counter(DEAD_LETTERED, "Failed records acknowledged by their dead-letter topic");
        this.published = counter(PUBLISHED, "Output records acknowledged by the broker, tagged with the output topic");
        this.latency = Timer.builder(LATENCY)
                .description("From a record's first attempt to its last output's acknowledgement, retries included")
                .withRegistry(registry);
    }

    private Meter.MeterProvider<Counter> counter(String name, String description) {
        return Counter.builder(name).description(description).withRegistry(registry);
    }

    /** The handler's meter for the topic: the one place that names the tags. */
    private static <T extends Meter> T tagged(Meter.MeterProvider<T> meters, String handlerId, String topic) {
        return meters.withTags(HANDLER_TAG, handlerId, TOPIC_TAG, topic);
    }

    /**
     * The handler's meters of the topic, each looked up at its first use and kept: a topic the
     * handler only publishes to gets its published counter alone, and no meter is registered that
     * nothing moves.
     */
    @Override
    public TopicObserver topic(String handlerId, String topic) {
        return new TopicMeters(handlerId, topic);
    }

    @Override
    public void received(String handlerId, String topic) {
        tagged(received, handlerId, topic).increment();
    }

    @Override
    public void skipped(String handlerId, String topic) {
        tagged(skipped, handlerId, topic).increment();
    }

    @Override
    public void tombstoneSkipped(String handlerId, String topic) {
        tagged(tombstonesSkipped, handlerId, topic).increment();
    }

    @Override
    public void handled(String handlerId, String topic, Duration took) {
        tagged(handled, handlerId, topic).increment();
        tagged(latency, handlerId, topic).record(took);
    }

    @Override
    public void retried(String handlerId, String topic) {
        tagged(retried, handlerId, topic).increment();
    }

    @Override
    public void failed(String handlerId, String topic, Throwable failure) {
        tagged(failed, handlerId, topic).increment();
    }

    @Override
    public void deadLettered(String handlerId, String topic) {
        tagged(deadLettered, handlerId, topic).increment();
    }

    @Override
    public void published(String handlerId, String topic) {
        tagged(published, handlerId, topic).increment();
    }

    @Override
    public void sampled(String handlerId, int inFlight, long inFlightBytes, Map<TopicPartition, Long> lag) {
        gauges.computeIfAbsent(handlerId, HandlerGauges::new).update(inFlight, inFlightBytes, lag);
    }

    @Override
    public void instancesNeeded(String handlerId, double instances) {
        gauges.computeIfAbsent(handlerId, HandlerGauges::new).instancesNeeded.set(Double.doubleToLongBits(instances));
    }

    /** One handler's meters of one topic, looked up once each; threads racing to the first use both get the registry's one meter. */
    private final class TopicMeters implements TopicObserver {

        private final String handlerId;
        private final String topic;
        private volatile Counter receivedCount;
        private volatile Counter skippedCount;
        private volatile Counter handledCount;
        private volatile Timer latencyTimer;
        private volatile Counter retriedCount;
        private volatile Counter failedCount;
        private volatile Counter deadLetteredCount;
        private volatile Counter publishedCount;

        TopicMeters(String handlerId, String topic) {
            this.handlerId = handlerId;
            this.topic = topic;
        }

        @Override
        public void received(int records) {
            if (receivedCount == null) {
                receivedCount = tagged(received, handlerId, topic);
            }
            receivedCount.increment(records);
        }

        @Override
        public void skipped(int records) {
            if (skippedCount == null) {
                skippedCount = tagged(skipped, handlerId, topic);
            }
            skippedCount.increment(records);
        }

        @Override
        public void handled(long latencyNanos) {
            if (handledCount == null) {
                latencyTimer = tagged(latency, handlerId, topic);
                handledCount = tagged(handled, handlerId, topic);
            }
            handledCount.increment();
            latencyTimer.record(latencyNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void retried() {
            if (retriedCount == null) {
                retriedCount = tagged(retried, handlerId, topic);
            }
            retriedCount.increment();
        }

        @Override
        public void failed(Throwable failure) {
            if (failedCount == null) {
                failedCount = tagged(failed, handlerId, topic);
            }
            failedCount.increment();
        }

        @Override
        public void deadLettered() {
            if (deadLetteredCount == null) {
                deadLetteredCount = tagged(deadLettered, handlerId, topic);
            }
            deadLetteredCount.increment();
        }

        @Override
        public void published(int records) {
            if (publishedCount == null) {
                publishedCount = tagged(published, handlerId, topic);
            }
            publishedCount.increment(records);
        }
    }

    /** One handler's gauges: the values they read, kept here since Micrometer holds gauges' objects weakly. */
    private final class HandlerGauges {

        private final String handlerId;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong inFlightBytes = new AtomicLong();
        /** The bits of a double: what the engine sampled last. */
        private final AtomicLong instancesNeeded = new AtomicLong();
        private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
        private final Map<TopicPartition, Gauge> lagGauges = new ConcurrentHashMap<>();

        HandlerGauges(String handlerId) {
            this.handlerId = handlerId;
            Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                    .description("Records between poll and commit: running, waiting for their key, or done but not committed")
                    .tag(HANDLER_TAG, handlerId)
                    .register(registry);
            Gauge.builder(IN_FLIGHT_BYTES, inFlightBytes, AtomicLong::get)
                    .description("Key and payload bytes of the records between poll and commit: what max-in-flight-bytes bounds")
                    .baseUnit("bytes")
                    .tag(HANDLER_TAG, handlerId)
                    .register(registry);
            Gauge.builder(INSTANCES_NEEDED, instancesNeeded, bits -> Double.longBitsToDouble(bits.get()))
                    .description("This instance's part of the instances the handler needs: sum over its instances and round up")
                    .tag(HANDLER_TAG, handlerId)
                    .register(registry);
        }

        void update(int inFlightNow, long inFlightBytesNow, Map<TopicPartition, Long> lagNow) {
            inFlight.set(inFlightNow);
            inFlightBytes.set(inFlightBytesNow);
            lagNow.forEach((partition, records) -> lag.computeIfAbsent(partition, this::register).set(records));
            for (TopicPartition gone : lag.keySet()) {
                if (!lagNow.containsKey(gone)) {
                    lag.remove(gone);
                    registry.remove(lagGauges.remove(gone));
                }
            }
        }

        private AtomicLong register(TopicPartition partition) {
            AtomicLong value = new AtomicLong();
            lagGauges.put(partition, Gauge.builder(LAG, value, AtomicLong::get)
                    .description("Records behind the end of the partition, as of the handler's consumer's last fetch")
                    .tags(HANDLER_TAG, handlerId, TOPIC_TAG, partition.topic(), PARTITION_TAG, Integer.toString(partition.partition()))
                    .register(registry));
            return value;
        }
    }
}
