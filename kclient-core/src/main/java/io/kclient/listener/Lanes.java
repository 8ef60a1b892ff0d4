package io.kclient.listener;

import io.kclient.Ordering;
import java.util.List;

/**
 * The lanes of one assigned partition, and how a poll batch is split among them on the poll
 * thread: in {@code KEY} order by the hash of each record's key (so a key always goes to the same
 * lane, in offset order, poll after poll), in {@code PARTITION} order all into one lane, in
 * {@code NONE} order in contiguous chunks. Each lane that receives records gets them as one
 * {@link Segment}, so the hand-off costs per lane and poll, not per record.
 */
final class Lanes {

    /** Lanes per worker when a handler's workers share its partitions: enough for no worker to wait on one slow lane. */
    static final int LANES_PER_WORKER = 4;
    static final int MAX_LANES = 1024;

    private final Lane[] lanes;
    private final Ordering ordering;
    private final int bits;

    /**
     * @param count lanes wanted, rounded up to a power of two; 1 in {@code PARTITION} order
     */
    Lanes(LaneTurns turns, Ordering ordering, int count) {
        this.ordering = ordering;
        int size = ordering == Ordering.PARTITION ? 1 : Integer.highestOneBit(Math.max(1, Math.min(MAX_LANES, count) * 2 - 1));
        this.bits = Integer.numberOfTrailingZeros(size);
        this.lanes = new Lane[size];
        for (int i = 0; i < size; i++) {
            lanes[i] = new Lane(turns, ordering == Ordering.KEY);
        }
    }

    /**
     * How many lanes each of {@code partitions} assigned partitions gets, so that together they are
     * about {@link #LANES_PER_WORKER} per worker: a partition's records spread over every worker
     * when it is alone (a handler that waits on I/O), and over few lanes when there are many
     * partitions, where each lane then gets more records per poll.
     *
     * @param perWorker lanes per worker; 1 for batch handlers, whose lists grow with the lane's share
     */
    static int countFor(int concurrency, int partitions, int perWorker) {
        return Math.max(1, (concurrency * perWorker + partitions - 1) / Math.max(1, partitions));
    }

    int size() {
        return lanes.length;
    }

    /** For tests. */
    Lane lane(int index) {
        return lanes[index];
    }

    /**
     * The poll thread: splits the batch's records still to run (those not {@link PollBatch#skip
     * skipped}) among the lanes, in offset order within each, and adds every lane that became ready
     * to {@code ready}.
     *
     * @param toRun how many of the batch's records are to run
     */
    void dispatch(PollBatch batch, int toRun, List<Lane> ready) {
        if (toRun == 0) {
            return;
        }
        boolean all = toRun == batch.size();
        if (lanes.length == 1) {
            append(0, new Segment(batch, all ? null : pending(batch, toRun), 0, toRun), ready);
        } else if (ordering == Ordering.KEY) {
            byKey(batch, toRun, ready);
        } else {
            int[] order = all ? null : pending(batch, toRun);
            for (int lane = 0, from = 0; lane < lanes.length && from < toRun; lane++) {
                int to = (int) ((long) toRun * (lane + 1) / lanes.length);
                if (to > from) {
                    append(lane, new Segment(batch, order, from, to), ready);
                    from = to;
                }
            }
        }
    }

    /** A counting sort of the batch's indexes by lane: one array for the batch, one segment per lane that got records. */
    private void byKey(PollBatch batch, int toRun, List<Lane> ready) {
        int size = batch.size();
        int[] laneOf = new int[size];
        int[] starts = new int[lanes.length + 1];
        for (int i = 0; i < size; i++) {
            if (batch.isPending(i)) {
                int lane = laneOf(batch, i);
                laneOf[i] = lane;
                starts[lane + 1]++;
            }
        }
        for (int lane = 0; lane < lanes.length; lane++) {
            starts[lane + 1] += starts[lane];
        }
        int[] order = new int[toRun];
        int[] next = starts.clone();
        for (int i = 0; i < size; i++) {
            if (batch.isPending(i)) {
                order[next[laneOf[i]]++] = i;
            }
        }
        for (int lane = 0; lane < lanes.length; lane++) {
            if (starts[lane + 1] > starts[lane]) {
                append(lane, new Segment(batch, order, starts[lane], starts[lane + 1]), ready);
            }
        }
    }

    /** A key's lane; records without a key have no order to keep and spread by offset. */
    int laneOf(PollBatch batch, int index) {
        byte[] key = batch.record(index).key();
        int hash = key == null ? (int) batch.offset(index) : ParkedKey.hashOf(key);
        return (hash * 0x9E3779B9) >>> (32 - bits) & (lanes.length - 1);
    }

    private static int[] pending(PollBatch batch, int toRun) {
        int[] order = new int[toRun];
        for (int i = 0, n = 0; i < batch.size(); i++) {
            if (batch.isPending(i)) {
                order[n++] = i;
            }
        }
        return order;
    }

    private void append(int lane, Segment segment, List<Lane> ready) {
        if (lanes[lane].append(segment)) {
            ready.add(lanes[lane]);
        }
    }

    /**
     * The poll thread, now and then: takes over the lanes whose worker is stuck in the record it
     * ran at the last look ({@link Lane#lookForStuck()}). Not in {@code PARTITION} order, where
     * every later record waits for a stuck one anyway.
     */
    void lookForStuck() {
        if (ordering != Ordering.PARTITION) {
            for (Lane lane : lanes) {
                lane.lookForStuck();
            }
        }
    }

    /** The partition is going: what waits in its lanes is given up. */
    void giveUpWaiting() {
        for (Lane lane : lanes) {
            lane.giveUpWaiting();
        }
    }
}
