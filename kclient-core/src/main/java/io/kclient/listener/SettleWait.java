package io.kclient.listener;

import java.util.Collection;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The poll thread's wait for records to settle (a revoke, a stop, an exactly-once poll's end): it
 * parks, and is woken as each batch settles, not by polling nor by sleeping. Made on the poll
 * thread; {@link #batchSettled()} is for any thread.
 */
final class SettleWait {

    /** How long a wait goes without looking whether the container stops. */
    private static final long STOP_CHECK_NANOS = 100_000_000;

    private final Thread pollThread = Thread.currentThread();
    private final BooleanSupplier running;
    private volatile boolean waiting;

    /** @param running whether the container still runs, for waits that end when it stops */
    SettleWait(BooleanSupplier running) {
        this.running = running;
    }

    /**
     * Parks the poll thread until no record of {@code of} is left running, or the {@link System#nanoTime()}
     * {@code deadline} passed, or (if {@code whileRunning}) the container stops. Returns whether they all settled.
     */
    boolean await(Collection<AssignedPartition> of, long deadline, boolean whileRunning) {
        waiting = true;
        try {
            while (of.stream().anyMatch(partition -> partition.held.unsettled() > 0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || whileRunning && !running.getAsBoolean()) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, STOP_CHECK_NANOS)); // a stop is seen within this, a settled batch at once
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        } finally {
            waiting = false;
        }
    }

    /** Any thread: a batch has nothing left running; wakes the poll thread if it waits for that. */
    void batchSettled() {
        if (waiting) {
            LockSupport.unpark(pollThread);
        }
    }
}
