package io.kclient.config;

import io.kclient.Ordering;
import io.kclient.config.HandlerDefaults.ResolvedSettings;
import java.time.Duration;

/**
 * Handler settings for tests, built one way: {@link #defaults()}, then what the test changes by
 * name, then {@link #handlerDefaults()} for a {@code KClient.builder()} or {@link #resolved()} for
 * a container built directly. A builder: take a new one from {@link #defaults()} for each use.
 *
 * <pre>{@code
 * TestSettings.defaults().concurrency(2).retry(TestSettings.retries(3, Duration.ofSeconds(10))).handlerDefaults()
 * }</pre>
 */
public final class TestSettings {

    private String groupId;
    private int concurrency = 4;
    private Ordering ordering = Ordering.KEY;
    private int maxInFlight = 1000;
    private long maxInFlightBytes = HandlerDefaults.DEFAULT_MAX_IN_FLIGHT_BYTES;
    private RetrySettings retry = new RetrySettings(3, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1));
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private TestSettings() {
    }

    /**
     * A new builder of what a test needs unless it says otherwise: 4 workers, {@code KEY} order,
     * 1,000 records in flight, three attempts 50 ms then 100 ms apart, a stop that waits 10 s; the
     * group is the handler id (for {@link #resolved()}, {@code "group"}).
     */
    public static TestSettings defaults() {
        return new TestSettings();
    }

    /** {@code maxAttempts} attempts, each after the same {@code backoff}. */
    public static RetrySettings retries(int maxAttempts, Duration backoff) {
        return new RetrySettings(maxAttempts, backoff, 1.0, backoff);
    }

    public TestSettings groupId(String groupId) {
        this.groupId = groupId;
        return this;
    }

    public TestSettings concurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    public TestSettings ordering(Ordering ordering) {
        this.ordering = ordering;
        return this;
    }

    public TestSettings maxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        return this;
    }

    public TestSettings maxInFlightBytes(long maxInFlightBytes) {
        this.maxInFlightBytes = maxInFlightBytes;
        return this;
    }

    public TestSettings retry(RetrySettings retry) {
        this.retry = retry;
        return this;
    }

    public TestSettings shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    /** For {@code KClient.builder().defaults(...)}; dead letters go to {@code <topic>.DLT}. */
    public HandlerDefaults handlerDefaults() {
        return new HandlerDefaults(groupId, concurrency, ordering, maxInFlight, maxInFlightBytes, retry, ".DLT", shutdownTimeout);
    }

    /** One handler's settings, for a container a test builds itself. */
    public ResolvedSettings resolved() {
        return new ResolvedSettings(groupId != null ? groupId : "group", concurrency, ordering, maxInFlight, maxInFlightBytes,
                retry, null, ".DLT", shutdownTimeout);
    }
}
