package io.kclient.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failed record is tried again before it is given up to the
 * error handler and the dead-letter topic: a handler's {@link HandlerSettings#retry()}, whose
 * settings hold the rules of each value.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param initialBackoff wait before the second attempt
 * @param multiplier factor applied to the wait after each further failure
 * @param maxBackoff the longest wait between two attempts
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** One attempt: failures go to the error handler at once. */
    public static final RetrySettings NONE = new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO);

    public RetrySettings {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failures. */
    public Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
