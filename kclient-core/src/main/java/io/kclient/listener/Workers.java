package io.kclient.listener;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A poll session's {@code concurrency} worker threads and how lanes reach them. The lanes that
 * became ready in one poll go out as one {@link LaneTask} that every free worker helps with,
 * claiming the lanes one by one: one hand-off per poll and worker, not per record, and a worker
 * stuck in a blocking record holds only the lane it runs while the others take the rest.
 *
 * <p>It also keeps how long records take, on average over about the last
 * {@link #AVERAGED_RECORDS} records: once that is longer than {@link #SPLIT_ABOVE_NANOS}, a handler
 * blocks (on I/O, say), and a lane hands its remaining records to another worker before each record
 * it runs, so that the keys sharing a lane with a blocking key do not wait for it. Below that,
 * handing off would cost more than it spares. The average weighs each turn by its records, so a
 * worker that lost its core for a few milliseconds in a short turn (a busy machine) does not make
 * lanes split; a handler that blocks makes every record slow, and moves it within a turn or two.
 */
final class Workers implements Executor {

    /** A record taking longer than this, on average, makes lanes split: about twenty hand-offs' worth. */
    static final long SPLIT_ABOVE_NANOS = 100_000;
    /** How many of the latest records the average mostly reflects. */
    static final int AVERAGED_RECORDS = 256;

    private final ThreadPoolExecutor pool;
    private final int concurrency;
    private final long splitAboveNanos;
    private volatile long recordNanos;
    /** Lanes handed to the workers and not yet started, in a task or in the pool's queue. */
    private final AtomicInteger lanesWaiting = new AtomicInteger();

    Workers(int concurrency, WorkerThreads threads) {
        this(concurrency, threads, SPLIT_ABOVE_NANOS);
    }

    /** @param splitAboveNanos how long records must take, on average, for lanes to split; tests choose */
    Workers(int concurrency, WorkerThreads threads, long splitAboveNanos) {
        this.concurrency = concurrency;
        this.splitAboveNanos = splitAboveNanos;
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads);
    }

    /** Hands the lanes a poll made ready to the workers: as many helpers as lanes, at most one per worker. */
    void submit(List<Lane> ready) {
        if (ready.size() == 1) {
            schedule(ready.get(0));
            return;
        }
        lanesWaiting.addAndGet(ready.size());
        LaneTask task = new LaneTask(ready.toArray(new Lane[0]));
        for (int helper = Math.min(ready.size(), concurrency); helper > 0; helper--) {
            offer(task);
        }
    }

    /** A lane going back to the workers alone: after a turn, or when its parked key is released. */
    void schedule(Lane lane) {
        lanesWaiting.incrementAndGet();
        offer(lane);
    }

    /** A turn at a lane handed to the workers starts. */
    void turnStarted() {
        lanesWaiting.decrementAndGet();
    }

    /** Lane work refused because the session stopped is dropped: the session gave up its records first. */
    private void offer(Runnable laneWork) {
        try {
            pool.execute(laneWork);
        } catch (RejectedExecutionException stopped) {
            if (!pool.isShutdown()) {
                throw stopped;
            }
        }
    }

    /** Runs {@code task} on a worker; refused (a {@link RejectedExecutionException}) once the session stopped. */
    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** A turn ran {@code records} records in {@code nanos}: it moves the average by its share of {@link #AVERAGED_RECORDS}. */
    void timed(int records, long nanos) {
        if (records > 0) {
            long sample = nanos / records;
            long weight = Math.min(records, AVERAGED_RECORDS);
            recordNanos += (sample - recordNanos) * weight / AVERAGED_RECORDS; // racy on purpose: any worker may move it
        }
    }

    /** Whether records take long enough that each one should leave its lane to another worker. */
    boolean splitting() {
        return recordNanos >= splitAboveNanos;
    }

    /**
     * Whether other lanes (or a retry) wait for a worker: a turn that ran its share then lets its
     * lane go back to the workers; otherwise it goes on, since going back would only hand the lane
     * to one of them.
     */
    boolean othersWaiting() {
        return lanesWaiting.get() > 0 || !pool.getQueue().isEmpty();
    }

    /** Workers running a task now. */
    int busy() {
        return pool.getActiveCount();
    }

    void shutdown() {
        pool.shutdown();
    }

    /** Lanes a poll made ready, shared by the workers that help with it. */
    private static final class LaneTask implements Runnable {

        private final Lane[] lanes;
        private final AtomicInteger next = new AtomicInteger();

        LaneTask(Lane[] lanes) {
            this.lanes = lanes;
        }

        @Override
        public void run() {
            for (int i = next.getAndIncrement(); i < lanes.length; i = next.getAndIncrement()) {
                lanes[i].run();
            }
        }
    }
}
