package io.kclient.listener;

import io.kclient.ActivitySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A handler's records completed and given up per {@link #INTERVAL}, over the last {@link #KEPT}
 * intervals: what the operations console draws. Written by the poll thread's sampling, read by
 * whoever asks.
 */
public final class RecentActivity {

    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Five minutes' worth. */
    static final int KEPT = 60;

    private final Deque<ActivitySample> samples = new ArrayDeque<>(KEPT);
    private long lastCompleted;
    private long lastFailed;
    private long intervalEndMillis = Long.MIN_VALUE;

    /**
     * Closes the interval once it is over: what was completed and given up since the last one.
     *
     * @param completed records completed since the start, a running count
     * @param failed records given up since the start, a running count
     */
    synchronized void sample(long nowMillis, long completed, long failed) {
        if (intervalEndMillis == Long.MIN_VALUE) {
            start(nowMillis, completed, failed);
            return;
        }
        if (nowMillis < intervalEndMillis) {
            return;
        }
        if (samples.size() == KEPT) {
            samples.removeFirst();
        }
        samples.addLast(new ActivitySample(Instant.ofEpochMilli(nowMillis), completed - lastCompleted, failed - lastFailed));
        start(nowMillis, completed, failed);
    }

    /** A stopped handler's next run starts an interval of its own: the pause says nothing of its rate. */
    synchronized void restart() {
        intervalEndMillis = Long.MIN_VALUE;
    }

    public synchronized List<ActivitySample> samples() {
        return List.copyOf(samples);
    }

    private void start(long nowMillis, long completed, long failed) {
        lastCompleted = completed;
        lastFailed = failed;
        intervalEndMillis = nowMillis + INTERVAL.toMillis();
    }
}
