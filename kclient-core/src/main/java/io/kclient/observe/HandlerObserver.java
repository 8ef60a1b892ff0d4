package io.kclient.observe;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Hears what happens to each record of each handler, for metrics. Every method has a no-op
 * default, so an observer implements what it counts. Register one with {@code
 * KClient.builder().observer(...)}; the Spring Boot starter registers a Micrometer one.
 *
 * <p>Calls come from the engine's worker, poll and producer threads, concurrently, on the hot
 * path: an observer must be thread-safe and quick, and must not block. An exception it throws is
 * logged and otherwise ignored.
 *
 * <p>{@code topic} is the record's input topic, except for {@link #published}, where it is the
 * topic the output went to.
 *
 * <p>The engine reports through {@link #topic}, asked once per handler and topic: by default it
 * passes every event on to the per-record methods below. An observer that looks up a meter per
 * event (Micrometer's registry, say) should implement {@link #topic} instead, and look them up once.
 */
public interface HandlerObserver {

    /** Observes nothing: its topics' observer is {@link TopicObserver#NONE}, so the engine does not even time records. */
    HandlerObserver NONE = new HandlerObserver() {
        @Override
        public TopicObserver topic(String handlerId, String topic) {
            return TopicObserver.NONE;
        }
    };

    /**
     * The events of {@code handlerId}'s records of {@code topic} (its input topic, or an output
     * topic for {@link TopicObserver#published}), asked for once per handler and topic and kept.
     * By default each event is passed on to this observer's per-record methods.
     */
    default TopicObserver topic(String handlerId, String topic) {
        return new ForwardingTopicObserver(this, handlerId, topic);
    }

    /** A record was fetched and handed to the handler's workers. */
    default void received(String handlerId, String topic) {
    }

    /**
     * A record was fetched but not handled: its partition's previous owner had finished it, and its
     * last commit said so (a crash, or a stop that timed out on a slower record before it).
     */
    default void skipped(String handlerId, String topic) {
    }

    /**
     * A tombstone (a record without a value) was skipped without calling the handler: its payload
     * parameter is not nullable and its tombstone policy is {@code SKIP}.
     */
    default void tombstoneSkipped(String handlerId, String topic) {
    }

    /**
     * The handler finished a record and the broker acknowledged every output of it.
     *
     * @param latency from the first attempt's start to the last acknowledgement, retries included
     */
    default void handled(String handlerId, String topic, Duration latency) {
    }

    /** An attempt failed and the record will be tried again after a backoff. */
    default void retried(String handlerId, String topic) {
    }

    /**
     * The record's last attempt failed (or its failure is not worth retrying, as for a payload that
     * cannot be read); it goes to the error handler and the dead-letter topic next.
     */
    default void failed(String handlerId, String topic, Throwable failure) {
    }

    /** A failed record was acknowledged by its dead-letter topic. */
    default void deadLettered(String handlerId, String topic) {
    }

    /** One record a handler returned was acknowledged by the broker on {@code topic}. */
    default void published(String handlerId, String topic) {
    }

    /**
     * About once a second while the handler runs, on its poll thread, what gauges show; once more
     * with zeros and an empty map when it stops. By default it passes all but the bytes on to
     * {@link #sampled(String, int, Map)}, which observers written before the byte bound implement.
     *
     * @param inFlight records between poll and commit
     * @param inFlightBytes key and payload bytes of the same records (what
     *     {@code max-in-flight-bytes} bounds)
     * @param lag records behind the end of each assigned partition whose lag is known, as of the
     *     consumer's last fetch; a partition that is no longer assigned is absent
     */
    default void sampled(String handlerId, int inFlight, long inFlightBytes, Map<TopicPartition, Long> lag) {
        sampled(handlerId, inFlight, lag);
    }

    /** As {@link #sampled(String, int, long, Map)}, without the bytes. */
    default void sampled(String handlerId, int inFlight, Map<TopicPartition, Long> lag) {
    }

    /**
     * With each {@link #sampled} call: this instance's part of the instances the handler needs
     * (the autoscaling signal), a fraction. Summed over the handler's instances and rounded up, it is
     * how many the handler needs; 0 when it is idle or stopped.
     */
    default void instancesNeeded(String handlerId, double instances) {
    }
}
