package io.kclient.listener;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a container holds for one assigned partition. Once {@link #release() released} (revoked,
 * lost or stopping), records of it that have not started are skipped: the partition's next owner
 * gets them again from the committed offset.
 */
final class PartitionState {

    /** How often a commit names the done records above its offset, unless the partition is going. */
    static final long NAME_DONE_EVERY_MILLIS = 1000;

    final TopicPartition partition;
    final OffsetTracker offsets = new OffsetTracker();
    /** Records the previous owner's last commit named done: not handled again. */
    final DoneOffsets doneBefore;
    private final AtomicInteger unsettled = new AtomicInteger();
    private volatile boolean released;
    // the poll thread's alone: the last commit that named done records
    private long namedOffset = -1;
    private int namedCount;
    private long namedAtMillis = -NAME_DONE_EVERY_MILLIS;

    PartitionState(TopicPartition partition) {
        this(partition, DoneOffsets.NONE);
    }

    PartitionState(TopicPartition partition, DoneOffsets doneBefore) {
        this.partition = partition;
        this.doneBefore = doneBefore;
    }

    /**
     * What to commit now, or null when a commit would tell the broker nothing new. The offset is
     * committed whenever it moved. The done records above it are named in the commit (see
     * {@link DoneOffsets}) when they changed, at most every {@link #NAME_DONE_EVERY_MILLIS}, so a
     * handler in full flow does not send them with every commit; and always on the {@code lastChance}
     * (revoke, stop), so a record stuck past the shutdown timeout is the only one handled again.
     *
     * @param withDone whether done records may be named at all
     */
    OffsetAndMetadata toCommit(long nowMillis, boolean withDone, boolean lastChance) {
        int doneAbove = withDone ? offsets.doneAboveCommittable() : 0;
        boolean changed = doneAbove > 0 && (doneAbove != namedCount || offsets.committable() != namedOffset);
        if (changed && (lastChance || nowMillis - namedAtMillis >= NAME_DONE_EVERY_MILLIS)) {
            OffsetAndMetadata commit = offsets.commitPoint(true);
            namedOffset = commit.offset();
            namedCount = doneAbove;
            namedAtMillis = nowMillis;
            return commit;
        }
        long moved = offsets.uncommitted();
        return moved < 0 ? null : new OffsetAndMetadata(moved);
    }

    void release() {
        released = true;
    }

    boolean isReleased() {
        return released;
    }

    void dispatched(long offset) {
        offsets.dispatched(offset);
        unsettled.incrementAndGet();
    }

    /** A dispatched record finished ({@code done}) or was given up (skipped, cancelled). */
    void settled(long offset, boolean done) {
        if (done) {
            offsets.done(offset);
        }
        unsettled.decrementAndGet();
    }

    /** Dispatched records that neither finished nor were given up yet. */
    int unsettled() {
        return unsettled.get();
    }
}
