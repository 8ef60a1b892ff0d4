package io.kclient.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where a container's retry backoffs wait in tests: each delay asked for is recorded, so a test
 * can assert the backoff exactly, and once {@link #hold() held}, delayed tasks wait until the test
 * {@link #runHeld() runs them}: a backoff as long as the test wants, at no cost in time.
 */
final class BackoffScheduler extends ScheduledThreadPoolExecutor {

    private final List<Long> delaysMillis = new CopyOnWriteArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    BackoffScheduler() {
        super(1);
    }

    /** Every delay asked for so far, in milliseconds, in order. */
    List<Long> delaysMillis() {
        return List.copyOf(delaysMillis);
    }

    /** From now on, delayed tasks run only when {@link #runHeld()} runs them. */
    synchronized void hold() {
        holding = true;
    }

    /** Runs the tasks held so far, now; tasks they schedule are held in turn. */
    void runHeld() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(held);
            held.clear();
        }
        due.forEach(task -> super.schedule(task, 0, TimeUnit.MILLISECONDS)); // not through schedule(), which would hold it again
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        delaysMillis.add(unit.toMillis(delay));
        synchronized (this) {
            if (holding) {
                held.add(command);
                return super.schedule(() -> { }, 0, TimeUnit.MILLISECONDS);
            }
        }
        return super.schedule(command, delay, unit);
    }
}
