package io.kclient.listener;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a container holds for one assignment of a partition. Once {@link #release() released}
 * (revoked, lost or stopping), records of it that have not started are given up: the partition's
 * next owner gets them again from the committed offset. A later assignment of the same partition
 * is another {@code PartitionState}, so records of this one never count as the later one's.
 */
final class PartitionState {

    /** How often a commit names done records it has not named yet, unless the partition is going. */
    static final long NAME_DONE_EVERY_MILLIS = 1000;

    /** Records given up on release before they started, and their key and payload bytes. */
    record Unstarted(int records, long bytes) {
    }

    final TopicPartition partition;
    final OffsetTracker offsets = new OffsetTracker();
    /** Records the previous owner's last commit named done: not handled again. */
    final DoneOffsets doneBefore;
    // guarded by this: dispatched records that did not start yet, and started ones not settled yet
    private int waiting;
    private long waitingBytes;
    private int running;
    private volatile boolean released;
    // the poll thread's alone: the done records the broker holds as named (the last commit it took), and the last naming sent
    private long namedOffset = -1;
    private int namedCount;
    private long namedUpTo = -1;
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
     * handler in full flow does not send them with every commit; always on the {@code lastChance}
     * (revoke, stop), so a record stuck past the shutdown timeout is the only one handled again;
     * and whenever the broker holds names above the offset being committed, since a commit
     * replaces the metadata of the one before: the interval may delay new names, never drop old ones.
     *
     * @param withDone whether done records may be named at all
     */
    OffsetAndMetadata toCommit(long nowMillis, boolean withDone, boolean lastChance) {
        long moved = offsets.uncommitted();
        if (withDone) {
            int doneAbove = offsets.doneAboveCommittable();
            boolean changed = doneAbove > 0 && (doneAbove != namedCount || offsets.committable() != namedOffset);
            boolean due = changed && (lastChance || nowMillis - namedAtMillis >= NAME_DONE_EVERY_MILLIS);
            if (due || (moved >= 0 && namedUpTo >= moved)) {
                if (due) {
                    namedAtMillis = nowMillis;
                }
                return offsets.commitPoint(true);
            }
        }
        return moved < 0 ? null : new OffsetAndMetadata(moved);
    }

    /**
     * The broker took {@code commit}: it covers the records below its offset, and what it names
     * is what the broker holds as named from now on (a commit that failed named nothing).
     *
     * @return how many dispatched records it covered
     */
    int committed(OffsetAndMetadata commit) {
        DoneOffsets named = DoneOffsets.of(commit);
        namedOffset = commit.offset();
        namedCount = named.count();
        namedUpTo = named.highest();
        return offsets.committed(commit.offset());
    }

    /** Lets go of the partition; returns the records given up because they had not started. */
    synchronized Unstarted release() {
        released = true;
        Unstarted givenUp = new Unstarted(waiting, waitingBytes);
        waiting = 0;
        waitingBytes = 0;
        return givenUp;
    }

    boolean isReleased() {
        return released;
    }

    /** A record was handed to the workers; {@code bytes}, its key and payload, count until it starts or is given up. */
    void dispatched(long offset, long bytes) {
        offsets.dispatched(offset);
        synchronized (this) {
            waiting++;
            waitingBytes += bytes;
        }
    }

    /** A fetched record its previous owner had done: done at once, and held until a commit covers it. */
    void skipped(long offset) {
        offsets.dispatched(offset);
        offsets.done(offset);
    }

    /** A dispatched record starts, unless the partition was released before: it was given up then. */
    synchronized boolean start(long bytes) {
        if (released) {
            return false;
        }
        waiting--;
        waitingBytes -= bytes;
        running++;
        return true;
    }

    /** A started record finished ({@code done}) or was given up (its partition went, its batch failed). */
    void settled(long offset, boolean done) {
        if (done) {
            offsets.done(offset);
        }
        synchronized (this) {
            running--;
        }
    }

    /** Dispatched records that neither finished nor were given up yet: running, or waiting to start. */
    synchronized int unsettled() {
        return waiting + running;
    }
}
