package io.kclient.config;

import io.kclient.Ordering;
import java.time.Duration;
import java.util.List;

/**
 * The handler settings tests run with unless they say otherwise, built one way: a
 * {@link HandlerSettings} layer a test changes with {@link HandlerSettings#with} where it is about
 * a setting, and passes to {@code KClient.builder().defaults(...)}, or {@link #resolved}s for a
 * container it builds itself.
 *
 * <pre>{@code
 * TestSettings.defaults().with(HandlerSettings.CONCURRENCY, 2).withRetry(TestSettings.retries(3, Duration.ofSeconds(10)))
 * }</pre>
 */
public final class TestSettings {

    private TestSettings() {
    }

    /**
     * 4 workers, {@code KEY} order, 1,000 records in flight, three attempts 50 ms then 100 ms
     * apart, a stop that waits 10 s; everything else the engine's default.
     */
    public static HandlerSettings defaults() {
        return HandlerSettings.NONE.with(HandlerSettings.CONCURRENCY, 4).with(HandlerSettings.ORDERING, Ordering.KEY)
                .with(HandlerSettings.MAX_IN_FLIGHT, 1000)
                .withRetry(new RetrySettings(3, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)))
                .with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10));
    }

    /** {@code maxAttempts} attempts, each after the same {@code backoff}. */
    public static RetrySettings retries(int maxAttempts, Duration backoff) {
        return new RetrySettings(maxAttempts, backoff, 1.0, backoff);
    }

    /** What a container of a handler with id {@code "test"} and these settings, consuming {@code topic}, runs with. */
    public static HandlerSettings resolved(HandlerSettings settings, String topic) {
        return settings.with(HandlerSettings.TOPICS, List.of(topic)).resolve(HandlerSettings.NONE, "group", "test");
    }
}
