package io.kclient.listener;

import io.kclient.KClientException;
import io.kclient.config.HandlerDefaults.ResolvedSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle every container shares: a poll loop on a thread of its own, started and stopped
 * on request, paused and resumed by an operator, failed when the loop dies. Subclasses write the
 * loop, which runs while {@link #isRunning()} and fetches nothing while {@link #isPauseRequested()}.
 */
abstract class PollingContainer implements ListenerContainer {

    private static final Logger log = LoggerFactory.getLogger(PollingContainer.class);
    /** How long closing a consumer may take: it leaves its group and sends what it still owes the broker. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    protected final String id;
    protected final Subscription subscription;
    protected final ResolvedSettings settings;
    protected final HandlerActivity activity;
    private volatile ContainerState state = ContainerState.CREATED;
    private volatile boolean pauseRequested;
    private volatile boolean running;
    private volatile Thread pollThread;
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    /** Completes once the loop's consumer is made and subscribed, or fails with what kept it from that. */
    private volatile CompletableFuture<Void> subscribed = CompletableFuture.completedFuture(null);

    PollingContainer(String id, Subscription subscription, ResolvedSettings settings, HandlerActivity activity) {
        this.id = id;
        this.subscription = subscription;
        this.settings = settings;
        this.activity = activity;
    }

    /** The poll loop, on the poll thread; returns (or throws) when the container stops. */
    protected abstract void pollLoop();

    /** Starts the poll loop; returns at once. Starting a running container does nothing. */
    @Override
    public final synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopped = new CountDownLatch(1);
        subscribed = new CompletableFuture<>();
        state = pauseRequested ? ContainerState.PAUSED : ContainerState.RUNNING;
        activity.started();
        Thread thread = new Thread(this::runPollLoop, "kclient-" + id + "-poll");
        pollThread = thread;
        thread.start();
        log.debug("Started the poll loop of handler '{}'", id); // KClient logs the handler's settings once
    }

    /**
     * Waits until the consumer this start made is subscribed. A consumer that cannot be made
     * (a bad security setting, a class missing) or a transactional producer that cannot be
     * initialized fails here, naming the handler, rather than leaving it failed in silence.
     */
    @Override
    public final void awaitStarted(Duration timeout) {
        try {
            subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KClientException("Handler '" + id + "' failed to start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KClientException("Handler '" + id + "' did not subscribe within " + timeout
                    + " (kclient.start-timeout): its consumer or transactional producer is still connecting");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KClientException("Interrupted while handler '" + id + "' was starting", e);
        }
    }

    /** The loop calls it once its consumer is made and subscribed: the handler has started. */
    protected final void subscribed() {
        subscribed.complete(null);
    }

    /**
     * Stops gracefully: no new record starts, records under way finish (within the shutdown
     * timeout), what is done is committed and the consumer leaves its group. Blocks until then.
     */
    @Override
    public final void stop() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = pollThread;
        }
        if (thread != Thread.currentThread()) {
            awaitStopped(settings.shutdownTimeout().plusSeconds(10));
        }
    }

    /**
     * Stops gracefully, committing what is done, and starts again with a new consumer: the way
     * out of a failed consumer. A paused handler stays paused.
     */
    @Override
    public final void restart() {
        stop();
        awaitStopped(settings.shutdownTimeout()); // a failed loop may still be closing: it must not overwrite the new state
        start();
    }

    private void awaitStopped(Duration timeout) {
        try {
            stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops fetching records (the consumer stays in its group); records under way finish. */
    @Override
    public final void pause() {
        pauseRequested = true;
        if (state == ContainerState.RUNNING) {
            state = ContainerState.PAUSED;
        }
    }

    /** Fetches records again after {@link #pause()}. */
    @Override
    public final void resume() {
        pauseRequested = false;
        if (state == ContainerState.PAUSED) {
            state = ContainerState.RUNNING;
        }
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Subscription subscription() {
        return subscription;
    }

    @Override
    public final ResolvedSettings settings() {
        return settings;
    }

    @Override
    public final ContainerState state() {
        return state;
    }

    @Override
    public final HandlerActivity activity() {
        return activity;
    }

    /** The handler's workers, new for each run of the loop: {@code concurrency} threads named after the handler. */
    protected final ExecutorService newWorkerPool() {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new WorkerThreads("kclient-" + id + "-worker-"));
        activity.load().workers(workers::getActiveCount); // sampled once a second, for the autoscaling signal
        return workers;
    }

    /** Whether the loop should go on: false once a stop was asked for. */
    protected final boolean isRunning() {
        return running;
    }

    protected final boolean isPauseRequested() {
        return pauseRequested;
    }

    /** The loop is draining before it leaves its group. */
    protected final void stopping() {
        state = ContainerState.STOPPING;
    }

    private void runPollLoop() {
        try {
            pollLoop();
        } catch (RuntimeException | Error e) {
            state = ContainerState.FAILED;
            activity.consumerFailed(e);
            log.error("Handler '{}' stopped: its consumer failed", id, e);
            subscribed.completeExceptionally(e);
        } finally {
            subscribed.complete(null); // stopped before it subscribed: nothing failed
            activity.stopped();
            running = false;
            if (state != ContainerState.FAILED) {
                state = ContainerState.STOPPED;
            }
            stopped.countDown();
            log.info("Stopped handler '{}'", id);
        }
    }

    /**
     * Closes the loop's consumer, if one was made, within {@link #CLOSE_TIMEOUT} through
     * {@code close}, as each kind of consumer closes with a timeout its own way. A failure is
     * logged: the loop is ending either way.
     */
    protected final <C> void closeQuietly(C consumer, BiConsumer<C, Duration> close) {
        if (consumer == null) {
            return;
        }
        try {
            close.accept(consumer, CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Handler '{}': closing its consumer failed", id, e);
        }
    }

    /** The heap a record's key and payload take, as far as the in-flight byte bound counts it. */
    protected static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
