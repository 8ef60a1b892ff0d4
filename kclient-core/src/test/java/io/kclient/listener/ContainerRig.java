package io.kclient.listener;

import io.kclient.Ordering;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.observe.HandlerObserver;
import io.kclient.producer.TransactionalOutput;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Puts containers together for engine tests, the one place that knows how: settings with test
 * defaults ({@link TestSettings}, with two workers, quick retries and a 5 s shutdown) that a test
 * changes where it is about them, a {@link BackoffScheduler}, a recoverer and an observer that remember
 * what they were told, and gates that hold a handler until the test opens them. Closing it opens
 * every gate and stops every container it built.
 */
final class ContainerRig implements AutoCloseable {

    /** A record given to the recoverer after its last attempt. */
    record Recovered(long offset, Throwable cause) {
    }

    private HandlerSettings settings = TestSettings.defaults().with(HandlerSettings.CONCURRENCY, 2)
            .withRetry(TestSettings.retries(3, Duration.ofMillis(10))).with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(5));
    private Predicate<Throwable> retryable = failure -> true;
    private TransactionalOutput transactions;
    private final BackoffScheduler scheduler = new BackoffScheduler();
    private final List<ListenerContainer> built = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    private final List<Recovered> recovered = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final HandlerObserver observer = new HandlerObserver() {
        @Override
        public void received(String handlerId, String topic) {
            received.incrementAndGet();
        }

        @Override
        public void skipped(String handlerId, String topic) {
            skipped.incrementAndGet();
        }
    };

    ContainerRig ordering(Ordering ordering) {
        settings = settings.with(HandlerSettings.ORDERING, ordering);
        return this;
    }

    ContainerRig concurrency(int concurrency) {
        settings = settings.with(HandlerSettings.CONCURRENCY, concurrency);
        return this;
    }

    ContainerRig maxInFlight(int maxInFlight) {
        settings = settings.with(HandlerSettings.MAX_IN_FLIGHT, maxInFlight);
        return this;
    }

    ContainerRig maxInFlightBytes(long maxInFlightBytes) {
        settings = settings.with(HandlerSettings.MAX_IN_FLIGHT_BYTES, maxInFlightBytes);
        return this;
    }

    /** Which failures are worth another attempt; by default, all. */
    ContainerRig retryable(Predicate<Throwable> retryable) {
        this.retryable = retryable;
        return this;
    }

    /** Exactly-once: each poll batch commits in a transaction of {@code output}. */
    ContainerRig exactlyOnce(TransactionalOutput output) {
        this.transactions = output;
        return this;
    }

    ContainerRig retry(RetrySettings retry) {
        settings = settings.withRetry(retry);
        return this;
    }

    ContainerRig shutdownTimeout(Duration shutdownTimeout) {
        settings = settings.with(HandlerSettings.SHUTDOWN_TIMEOUT, shutdownTimeout);
        return this;
    }

    /** A container of {@code handler}, consuming topic "dogs" through {@code consumers}. */
    ListenerContainer build(Supplier<Consumer<byte[], byte[]>> consumers, RecordHandler handler) {
        HandlerContainer container = new HandlerContainer("test", new Subscription(List.of("dogs"), null),
                TestSettings.resolved(settings, "dogs"), consumers,
                handler, retryable, this::recover, scheduler, transactions, new HandlerActivity("test", observer));
        built.add(container);
        return container;
    }

    /** A latch the test counts down to let a handler go on; counted down at the latest when the rig closes. */
    CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    /** Waits, within a few seconds, for a gate or any latch; fails the test if it is not opened. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Where the containers' retry backoffs wait: each one asked for is recorded, and the test may hold them. */
    BackoffScheduler backoffs() {
        return scheduler;
    }

    /** Records the containers handed to their workers (the observer's {@code received}). */
    int received() {
        return received.get();
    }

    /** Records the containers did not handle, since an earlier commit named them done (the observer's {@code skipped}). */
    int skipped() {
        return skipped.get();
    }

    List<Recovered> recovered() {
        return List.copyOf(recovered);
    }

    private CompletableFuture<Void> recover(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record, Throwable cause) {
        recovered.add(new Recovered(record.offset(), cause));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        gates.forEach(CountDownLatch::countDown);
        built.forEach(ListenerContainer::stop);
        scheduler.shutdownNow();
    }
}
