package io.kclient.config;

import io.kclient.Ordering;
import java.time.Duration;
import java.util.Objects;

/**
 * Engine-wide settings a {@link HandlerEndpoint} falls back on where it sets nothing.
 *
 * @param groupId consumer group of handlers that name none; {@code null} means the handler id
 * @param concurrency worker threads per handler
 * @param ordering record order per handler
 * @param maxInFlight records a handler may hold between poll and commit before its consumer pauses
 * @param maxInFlightBytes key and payload bytes of the records a handler has taken and not finished
 *     (running, or waiting for their key or partition) before its consumer pauses: what bounds the
 *     heap those records take when they are large
 * @param retry attempts and backoff before a record is given up
 * @param deadLetterSuffix appended to a record's topic to name its dead-letter topic
 * @param shutdownTimeout how long a stop (or a revoke) waits for in-flight records before it gives up on them, and then
 *     for its last commit
 */
public record HandlerDefaults(String groupId, int concurrency, Ordering ordering, int maxInFlight, long maxInFlightBytes,
        RetrySettings retry, String deadLetterSuffix, Duration shutdownTimeout) {

    /** 64 MiB: about what the consumer itself may buffer ({@code fetch.max.bytes} is 50 MiB). */
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64L * 1024 * 1024;

    public static final HandlerDefaults DEFAULT = new HandlerDefaults(null, 1, Ordering.KEY, 20_000, DEFAULT_MAX_IN_FLIGHT_BYTES,
            RetrySettings.DEFAULT, ".DLT", Duration.ofSeconds(30));

    public HandlerDefaults {
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(deadLetterSuffix, "deadLetterSuffix");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (concurrency < 1 || maxInFlight < 1 || maxInFlightBytes < 1) {
            throw new IllegalArgumentException("concurrency, maxInFlight and maxInFlightBytes must be at least 1");
        }
    }

    /** With {@link #DEFAULT_MAX_IN_FLIGHT_BYTES}: the constructor of code written before the byte bound. */
    public HandlerDefaults(String groupId, int concurrency, Ordering ordering, int maxInFlight, RetrySettings retry,
            String deadLetterSuffix, Duration shutdownTimeout) {
        this(groupId, concurrency, ordering, maxInFlight, DEFAULT_MAX_IN_FLIGHT_BYTES, retry, deadLetterSuffix, shutdownTimeout);
    }

    public HandlerDefaults withGroupId(String groupId) {
        return new HandlerDefaults(groupId, concurrency, ordering, maxInFlight, maxInFlightBytes, retry, deadLetterSuffix,
                shutdownTimeout);
    }

    /** The settings one handler runs with: its own where set, these otherwise. */
    public ResolvedSettings resolve(HandlerEndpoint endpoint) {
        return new ResolvedSettings( // a share group hands records to any member in no order
                groupOf(endpoint),
                endpoint.concurrency() != null ? endpoint.concurrency() : concurrency,
                endpoint.shareGroup() ? Ordering.NONE : endpoint.ordering() != null ? endpoint.ordering() : ordering,
                endpoint.maxInFlight() != null ? endpoint.maxInFlight() : maxInFlight,
                endpoint.maxInFlightBytes() != null ? endpoint.maxInFlightBytes() : maxInFlightBytes,
                endpoint.retry() != null ? endpoint.retry() : retry,
                endpoint.deadLetterTopic(), deadLetterSuffix, shutdownTimeout);
    }

    /**
     * The handler's own group, else a {@code group.id} in its consumer properties (KClient 1's
     * property files carried one), else the engine's, else the handler id.
     */
    private String groupOf(HandlerEndpoint endpoint) {
        Object fromProperties = endpoint.consumerProperties().get("group.id");
        if (endpoint.groupId() != null) {
            return endpoint.groupId();
        }
        if (fromProperties != null && !fromProperties.toString().isBlank()) {
            return fromProperties.toString();
        }
        return groupId != null ? groupId : endpoint.id();
    }

    /** One handler's settings after defaults are applied. */
    public record ResolvedSettings(String groupId, int concurrency, Ordering ordering, int maxInFlight, long maxInFlightBytes,
            RetrySettings retry, String deadLetterTopic, String deadLetterSuffix, Duration shutdownTimeout) {

        /** The dead-letter topic of a failed record from {@code topic}. */
        public String deadLetterTopicFor(String topic) {
            return deadLetterTopic != null ? deadLetterTopic : topic + deadLetterSuffix;
        }
    }
}
