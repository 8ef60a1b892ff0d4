package io.kclient.listener;

import java.util.Collection;

/**
 * The records a poll session has received and not committed, and their key and payload bytes: the
 * one count of what is in flight, behind {@code max-in-flight}, {@code max-in-flight-bytes}, the
 * gauges and the status. It is summed from the partitions' {@link HeldBatches} after each poll
 * (commits answer inside the poll) and grows as batches are received; the poll thread writes it,
 * anyone may read it.
 */
final class InFlight {

    private final int maxRecords;
    private final long maxBytes;
    private volatile int records;
    private volatile long bytes;

    InFlight(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** Counts again what the partitions hold. */
    void recount(Collection<AssignedPartition> partitions) {
        int heldRecords = 0;
        long heldBytes = 0;
        for (AssignedPartition partition : partitions) {
            heldRecords += partition.held.records();
            heldBytes += partition.held.bytes();
        }
        records = heldRecords;
        bytes = heldBytes;
    }

    void add(PollBatch batch) {
        records += batch.size();
        bytes += batch.bytes();
    }

    /**
     * Whether another record may be received after {@code moreRecords} records of {@code moreBytes}
     * bytes not counted yet: below both bounds, so one record larger than the byte bound still
     * runs, alone.
     */
    boolean admits(int moreRecords, long moreBytes) {
        return records + moreRecords < maxRecords && bytes + moreBytes < maxBytes;
    }

    /** At or past either bound: the consumer pauses. */
    boolean full() {
        return !admits(0, 0);
    }

    /** At or below half of both bounds: a paused consumer resumes. */
    boolean halfEmpty() {
        return records <= maxRecords / 2 && bytes <= maxBytes / 2;
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }
}
