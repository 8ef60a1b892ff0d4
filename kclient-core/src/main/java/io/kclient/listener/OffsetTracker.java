package io.kclient.listener;

import java.util.BitSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The offsets of one partition that were dispatched and are not done yet. The offset safe to
 * commit is the lowest unfinished one: everything below it is done, whatever finished after it.
 * It also holds every dispatched offset until a commit covers it: those records would be
 * delivered again after a crash, so they count against the handler's in-flight bound.
 *
 * <p>The offsets sit in a ring in dispatch order, which is offset order, with a done flag each;
 * a record that is done is found by binary search, or at once when it is the oldest unfinished
 * one, as it usually is. No object is made per record. {@link #done} is called by any thread,
 * everything else by the poll thread; each call holds the tracker's lock for a few steps.
 */
final class OffsetTracker {

    private static final int INITIAL_CAPACITY = 16;
    /** A ring larger than this goes back to the initial size once a commit covered every record in it. */
    static final int KEPT_CAPACITY = 1024;

    private long[] offsets = new long[INITIAL_CAPACITY];
    private boolean[] done = new boolean[INITIAL_CAPACITY];
    // positions count dispatched records from the first; a position's slot is position & (capacity - 1)
    private long firstUncommitted;
    private long firstPending;
    private long end;
    private int pending;
    private long nextAfterDispatched = -1;
    private long committed = -1;

    /** Records that {@code offset}, handed out in increasing order, is now in flight. */
    synchronized void dispatched(long offset) {
        if (end - firstUncommitted == offsets.length) {
            grow();
        }
        int slot = slot(end);
        offsets[slot] = offset;
        done[slot] = false;
        end++;
        pending++;
        nextAfterDispatched = offset + 1;
    }

    /** Records that {@code offset} is done: its handler returned and its outputs were acknowledged. */
    synchronized void done(long offset) {
        long position = pendingPosition(offset);
        if (position < 0 || done[slot(position)]) {
            return;
        }
        done[slot(position)] = true;
        pending--;
        while (firstPending < end && done[slot(firstPending)]) {
            firstPending++;
        }
    }

    /** The offset to commit (the next record to read), or -1 when nothing was dispatched. */
    synchronized long committable() {
        if (nextAfterDispatched < 0) {
            return -1;
        }
        return firstPending < end ? offsets[slot(firstPending)] : nextAfterDispatched;
    }

    /**
     * What to commit: the committable offset and, when {@code withDone}, the records above it that
     * are done (see {@link DoneOffsets}), taken together so that they match. Null when nothing was
     * dispatched.
     */
    synchronized OffsetAndMetadata commitPoint(boolean withDone) {
        long offset = committable();
        if (offset < 0 || !withDone || firstPending == end) {
            return offset < 0 ? null : new OffsetAndMetadata(offset);
        }
        BitSet doneAbove = new BitSet();
        for (long position = firstPending + 1; position < end; position++) {
            long index = offsets[slot(position)] - offset;
            if (index >= DoneOffsets.MAX_OFFSETS) {
                break;
            }
            if (done[slot(position)]) {
                doneAbove.set((int) index);
            }
        }
        DoneOffsets above = DoneOffsets.of(offset, doneAbove);
        return above.isEmpty() ? new OffsetAndMetadata(offset) : above.commit();
    }

    /** Records done above the committable offset: what a commit now would spare a next owner. */
    synchronized int doneAboveCommittable() {
        return firstPending < end ? (int) (end - firstPending - pending) : 0;
    }

    /** The committable offset when it moved past the last one committed, else -1. */
    synchronized long uncommitted() {
        long offset = committable();
        return offset > committed ? offset : -1;
    }

    /**
     * Records a successful commit of {@code offset}; returns how many dispatched records it covered.
     * A large ring left empty is given back, so a partition that once held a full in-flight window
     * does not keep its memory while it is quiet.
     */
    synchronized int committed(long offset) {
        committed = Math.max(committed, offset);
        int covered = 0;
        while (firstUncommitted < firstPending && offsets[slot(firstUncommitted)] < offset) {
            firstUncommitted++;
            covered++;
        }
        if (firstUncommitted == end && offsets.length > KEPT_CAPACITY) {
            offsets = new long[INITIAL_CAPACITY]; // empty: positions map onto any ring
            done = new boolean[INITIAL_CAPACITY];
        }
        return covered;
    }

    /** Slots in the ring now; for tests. */
    synchronized int capacity() {
        return offsets.length;
    }

    /** The lowest dispatched offset no commit covers yet, or -1: where to read again to redo them. */
    synchronized long firstUncommitted() {
        return firstUncommitted < end ? offsets[slot(firstUncommitted)] : -1;
    }

    /** Dispatched records no commit covers yet. */
    synchronized int held() {
        return (int) (end - firstUncommitted);
    }

    synchronized int pendingCount() {
        return pending;
    }

    /** Where {@code offset} sits among the records from the oldest unfinished one on, or -1. */
    private long pendingPosition(long offset) {
        long low = firstPending;
        long high = end - 1;
        while (low <= high) {
            long middle = low == firstPending ? low : (low + high) >>> 1; // the oldest first: acknowledgements come mostly in order
            long found = offsets[slot(middle)];
            if (found == offset) {
                return middle;
            }
            if (found < offset) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return -1;
    }

    private int slot(long position) {
        return (int) position & (offsets.length - 1);
    }

    /** Doubles the ring, keeping every held record at its position. */
    private void grow() {
        long[] grownOffsets = new long[offsets.length * 2];
        boolean[] grownDone = new boolean[done.length * 2];
        for (long position = firstUncommitted; position < end; position++) {
            int to = (int) position & (grownOffsets.length - 1);
            grownOffsets[to] = offsets[slot(position)];
            grownDone[to] = done[slot(position)];
        }
        offsets = grownOffsets;
        done = grownDone;
    }
}
