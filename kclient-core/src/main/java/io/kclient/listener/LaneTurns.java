package io.kclient.listener;

import io.kclient.Ordering;

/**
 * How a worker takes a turn at a {@link Lane}: runs its records in order, a bounded number per
 * turn ({@link #TURN_RECORDS}) so that a lane with a backlog does not keep a worker from the
 * others, and gives up the records of a partition that went instead of running them.
 */
abstract class LaneTurns {

    /** Records a worker runs in one turn at a lane before it lets the lane go back to the workers. */
    static final int TURN_RECORDS = 128;

    protected final Workers workers;
    protected final Handling handling;
    private final Ordering ordering;

    LaneTurns(Workers workers, Handling handling, Ordering ordering) {
        this.workers = workers;
        this.handling = handling;
        this.ordering = ordering;
    }

    /** A turn at {@code lane}, on the calling worker. */
    abstract void run(Lane lane);

    /** {@code lane} goes back to the workers alone. */
    final void schedule(Lane lane) {
        workers.schedule(lane);
    }

    /** Whether a record that does not hand off holds the whole lane ({@code PARTITION}) rather than its key. */
    final boolean holdsLane() {
        return ordering == Ordering.PARTITION;
    }

    /**
     * A run of the record at {@code index}: it holds back its key's later records in {@code lane}
     * while it has not handed off; in {@code NONE} order, or without a key in {@code KEY} order,
     * nothing waits for it.
     */
    final RecordRun runOf(Lane lane, PollBatch batch, int index) {
        boolean ordered = ordering == Ordering.PARTITION || ordering == Ordering.KEY && batch.record(index).key() != null;
        return new RecordRun(handling, batch, index, ordered ? lane : null);
    }

    /** Whether the records of {@code batch} may still start: its partition is assigned and its batch wanted. */
    final boolean wanted(PollBatch batch) {
        return !batch.partition.isReleased() && !handling.abandoned();
    }

    /**
     * Runs a parked key's waiting records in order, one at a time, until one of them parks the key
     * again or none is left. Returns how many ran, or -1 when this worker's turn is over: the lane
     * was taken over, or ({@code alone}) the record was left to run alone.
     */
    final int runWaiting(Lane lane, ParkedKey key, int turn, boolean alone) {
        int ran = 0;
        for (RecordRun run = lane.nextWaiting(key); run != null; run = lane.nextWaiting(key)) {
            if (!run.owned()) {
                run.giveUpUnstarted();
                continue;
            }
            if (alone) {
                runAlone(lane, run, null);
                return -1;
            }
            lane.running(run);
            run.start();
            ran++;
            if (lane.turn() != turn) {
                return -1;
            }
            if (run.holdsKey()) {
                break; // parked again: the key's other records go on waiting
            }
        }
        lane.running(null);
        return ran;
    }

    /**
     * Runs {@code run} on this worker after giving the rest of the lane ({@code rest}, and what
     * is queued) to the workers: its key is parked first, so the next turn holds back the key's
     * later records until it hands off.
     */
    final void runAlone(Lane lane, RecordRun run, Segment rest) {
        synchronized (lane) {
            if (run.waitsInLane()) {
                run.parkBeforeStart();
            }
            if (rest != null) {
                lane.putBack(rest);
            }
            lane.endTurn();
        }
        long start = System.nanoTime();
        run.start();
        workers.timed(1, System.nanoTime() - start);
    }
}
