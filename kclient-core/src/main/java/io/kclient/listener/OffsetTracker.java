package io.kclient.listener;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The offsets of one partition that were dispatched and are not done yet. The offset safe to
 * commit is the lowest unfinished one: everything below it is done, whatever finished after it.
 * It also holds every dispatched offset until a commit covers it: those records would be
 * delivered again after a crash, so they count against the handler's in-flight bound.
 * {@link #done} is called by any worker; everything else by the poll thread only.
 */
final class OffsetTracker {

    private final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();
    private final ArrayDeque<Long> uncommitted = new ArrayDeque<>();
    private long nextAfterDispatched = -1;
    private long committed = -1;

    /** Records that {@code offset}, handed out in increasing order, is now in flight. */
    void dispatched(long offset) {
        pending.add(offset);
        uncommitted.add(offset);
        nextAfterDispatched = offset + 1;
    }

    /** Records that {@code offset} is done: its handler returned and its outputs were acknowledged. */
    void done(long offset) {
        pending.remove(offset);
    }

    /** The offset to commit (the next record to read), or -1 when nothing was dispatched. */
    long committable() {
        if (nextAfterDispatched < 0) {
            return -1;
        }
        Long lowestPending = pending.ceiling(Long.MIN_VALUE); // one read: a worker may take the last one meanwhile
        return lowestPending != null ? lowestPending : nextAfterDispatched;
    }

    /** The committable offset when it moved past the last one committed, else -1. */
    long uncommitted() {
        long offset = committable();
        return offset > committed ? offset : -1;
    }

    /** Records a successful commit of {@code offset}; returns how many dispatched records it covered. */
    int committed(long offset) {
        committed = Math.max(committed, offset);
        int covered = 0;
        while (!uncommitted.isEmpty() && uncommitted.peekFirst() < offset) {
            uncommitted.pollFirst();
            covered++;
        }
        return covered;
    }

    /** The lowest dispatched offset no commit covers yet, or -1: where to read again to redo them. */
    long firstUncommitted() {
        Long first = uncommitted.peekFirst();
        return first == null ? -1 : first;
    }

    /** Dispatched records no commit covers yet. */
    int held() {
        return uncommitted.size();
    }

    int pendingCount() {
        return pending.size();
    }
}
