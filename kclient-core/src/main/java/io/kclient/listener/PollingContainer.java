package io.kclient.listener;

import io.kclient.ContainerState;
import io.kclient.KClientException;
import io.kclient.config.HandlerSettings;
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
    /** What a stop allows beyond draining, committing and closing the consumer: closing a transactional producer, say. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    protected final String id;
    protected final Subscription subscription;
    protected final HandlerSettings settings;
    protected final HandlerActivity activity;
    private volatile ContainerState state = ContainerState.CREATED;
    private volatile boolean pauseRequested;
    /** The latest start's poll loop, or null before the first start. */
    private volatile Run current;

    PollingContainer(String id, Subscription subscription, HandlerSettings settings, HandlerActivity activity) {
        this.id = id;
        this.subscription = subscription;
        this.settings = settings;
        this.activity = activity;
    }

    /** The poll loop, on the poll thread; returns (or throws) when the container stops. */
    protected abstract void pollLoop();

    /**
     * Starts the poll loop; returns at once. Starting a running container does nothing. Should the
     * previous loop still be ending (its last commit blocked by an outage), the new one polls once
     * it ended: two would share the handler's place in its group and its transactional producer.
     */
    @Override
    public final synchronized void start() {
        Run previous = current;
        if (previous != null && previous.active) {
            return;
        }
        Run run = new Run(previous == null ? null : previous.ended);
        current = run;
        state = pauseRequested ? ContainerState.PAUSED : ContainerState.RUNNING;
        activity.started();
        run.thread.start();
        log.debug("Started the poll loop of handler '{}'", id); // KClient logs the handler's settings once
    }

    /**
     * Waits until the consumer the latest start made is subscribed. A consumer that cannot be made
     * (a bad security setting, a class missing) or a transactional producer that cannot be
     * initialized fails here, naming the handler, rather than leaving it failed in silence.
     */
    @Override
    public final void awaitStarted(Duration timeout) {
        Run run = current;
        if (run == null) {
            return;
        }
        try {
            run.subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        Run run = current;
        if (run != null && run.thread == Thread.currentThread()) {
            run.subscribed.complete(null);
        }
    }

    /**
     * Stops gracefully: no new record starts, records under way finish (within the shutdown
     * timeout), what is done is committed (within the shutdown timeout again) and the consumer
     * leaves its group. Blocks until then.
     */
    @Override
    public final void stop() {
        Run run;
        synchronized (this) {
            run = current;
            if (run == null) {
                return;
            }
            run.active = false;
        }
        Duration longest = settings.shutdownTimeout().multipliedBy(2).plus(CLOSE_TIMEOUT).plus(STOP_MARGIN);
        if (run.thread != Thread.currentThread() && !run.awaitEnd(longest)) {
            log.warn("Handler '{}' is still stopping after {}; it ends in the background, and a start waits for it", id, longest);
        }
    }

    /**
     * Stops gracefully, committing what is done, and starts again with a new consumer: the way
     * out of a failed consumer. A paused handler stays paused.
     */
    @Override
    public final void restart() {
        stop();
        start();
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
    public final HandlerSettings settings() {
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

    /** Whether the calling poll loop should go on: false once a stop was asked for, or a later start replaced it. */
    protected final boolean isRunning() {
        Run run = current;
        return run != null && run.active && run.thread == Thread.currentThread();
    }

    protected final boolean isPauseRequested() {
        return pauseRequested;
    }

    /** The loop is draining before it leaves its group. */
    protected final void stopping() {
        Run run = current;
        if (run != null && run.thread == Thread.currentThread()) {
            state = ContainerState.STOPPING;
        }
    }

    /**
     * Runs one start's loop, once the previous one ended. Only the latest run tells the
     * container's state and activity how it ended: an earlier run that ends late leaves them to
     * the run that replaced it.
     */
    private void runPollLoop(Run run) {
        Throwable failure = null;
        try {
            if (run.previousEnded != null) {
                run.previousEnded.await();
            }
            pollLoop();
        } catch (RuntimeException | Error e) {
            failure = e;
            log.error("Handler '{}' stopped: its consumer failed", id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // interrupted before it polled: it ends at once
        } finally {
            synchronized (this) {
                run.active = false;
                if (current == run) {
                    if (failure != null) {
                        activity.consumerFailed(failure);
                    }
                    activity.stopped();
                    state = failure != null ? ContainerState.FAILED : ContainerState.STOPPED;
                }
            }
            if (failure != null) {
                run.subscribed.completeExceptionally(failure);
            } else {
                run.subscribed.complete(null); // stopped before it subscribed: nothing failed
            }
            run.ended.countDown();
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

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One start of the poll loop: its thread, whether it should go on, when it subscribed and when it ended. */
    private final class Run {

        /** When the run before this one ended, or null for the first: the run itself is not kept, nor the ones before it. */
        private final CountDownLatch previousEnded;
        private final Thread thread;
        private final CountDownLatch ended = new CountDownLatch(1);
        /** Completes once the run's consumer is made and subscribed, or fails with what kept it from that. */
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private volatile boolean active = true;

        Run(CountDownLatch previousEnded) {
            this.previousEnded = previousEnded;
            this.thread = new Thread(() -> runPollLoop(this), "kclient-" + id + "-poll");
        }

        /** Waits for the loop to end, at most {@code timeout}; whether it ended. */
        boolean awaitEnd(Duration timeout) {
            try {
                return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
