package io.kclient.listener;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Records of one poll batch that went to one lane, in offset order: a slice of the batch's
 * dispatch order. Whoever runs the lane takes the segment out of it and claims its records one by
 * one; what it does not run it puts back. Claims are atomic so that the rest of a segment can be
 * taken over ({@link #takeRest()}) from a worker stuck in one of its records.
 */
final class Segment {

    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Segment.class, "next", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final PollBatch batch;
    /** Indexes into the batch, or {@code null} when the slice is the batch's own order. */
    private final int[] order;
    @SuppressWarnings("unused") // through NEXT
    private volatile int next;
    private final int end;

    Segment(PollBatch batch, int[] order, int from, int to) {
        this.batch = batch;
        this.order = order;
        this.next = from;
        this.end = to;
    }

    boolean hasNext() {
        return (int) NEXT.getOpaque(this) < end;
    }

    /** Claims the next record: its batch index, or -1 when none is left (taken, or taken over). */
    int claim() {
        for (int position = (int) NEXT.getOpaque(this); position < end; position = (int) NEXT.getOpaque(this)) {
            if (NEXT.compareAndSet(this, position, position + 1)) {
                return order == null ? position : order[position];
            }
        }
        return -1;
    }

    /** Gives back the last {@code count} records claimed, to be claimed again; only by the one who claimed them. */
    void back(int count) {
        NEXT.getAndAdd(this, -count);
    }

    /** Takes every record not claimed yet, as a segment of its own; this one is left empty. */
    Segment takeRest() {
        int from = (int) NEXT.getAndSet(this, end);
        return new Segment(batch, order, Math.min(from, end), end);
    }

    /** Gives up every record not claimed yet: they will be delivered again. */
    void giveUpRest() {
        for (int index = claim(); index >= 0; index = claim()) {
            batch.finish(index, false);
        }
    }
}
