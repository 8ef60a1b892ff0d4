package io.kclient.listener;

import io.kclient.Ordering;

/**
 * How a worker takes a turn at a {@link Lane}: runs its records in order, a bounded number per
 * turn ({@link #TURN_RECORDS}) so that a lane with a backlog does not keep a worker from the
 * others, and gives up the records of a partition that went instead of running them.
 */
abstract class LaneTurns {

    /** Records a worker runs in one turn at a lane before it lets the lane go back to the workers, if other work waits for one. */
    static final int TURN_RECORDS = 128;

    protected final Workers workers;
    protected final Handling handling;
    private final Ordering ordering;

    LaneTurns(Workers workers, Handling handling, Ordering ordering) {
        this.workers = workers;
        this.handling = handling;
        this.ordering = ordering;
    }

    /**
     * A turn at {@code lane}, on the calling worker: the lane's parked keys whose records may run
     * again first, then its segments, until {@link #TURN_RECORDS} ran while other work waits for a
     * worker, the lane is idle, or the turn ends early (see {@link #runSegment}). With nothing else
     * waiting the turn goes on: going back to the workers would only hand the lane to one of them.
     * Every {@link #TURN_RECORDS} records it reports how long they took, and looks again whether
     * records are to run alone: a turn that goes on must not hide a handler that started to block.
     */
    final void run(Lane lane) {
        workers.turnStarted();
        boolean alone = splits();
        int turn = lane.turn();
        long start = System.nanoTime();
        int ran = 0; // records since start
        int share = 0; // records since the turn last looked for other work waiting
        while (true) {
            if (share >= TURN_RECORDS) {
                long now = System.nanoTime();
                workers.timed(ran, now - start);
                ran = 0;
                start = now;
                if (workers.othersWaiting()) {
                    lane.endTurn();
                    break;
                }
                share = 0;
                alone = splits();
            }
            Object next = lane.take();
            if (next == null) {
                break; // idle: take() let the lane go
            }
            int done = next instanceof ParkedKey key ? runWaiting(lane, key, turn, alone)
                    : runSegment(lane, (Segment) next, turn, alone, TURN_RECORDS - share);
            if (done < 0) {
                return; // the turn ended early: the lane is another turn's, or waits
            }
            ran += done;
            share += done;
        }
        workers.timed(ran, System.nanoTime() - start);
    }

    /** Whether each record is to run alone, leaving the rest of its lane to another worker (see {@link Workers#splitting()}). */
    protected boolean splits() {
        return false;
    }

    /**
     * Runs records of {@code segment}, at most about {@code budget}, and puts back what it did not
     * get to. Returns how many ran, or -1 when the turn ended early: the lane was taken over, is
     * held by a record that did not hand off ({@code PARTITION}), or a record was left to run
     * alone; whoever ended it put the segment back.
     *
     * @param alone whether each record runs alone, leaving the rest of the lane to another worker
     */
    protected abstract int runSegment(Lane lane, Segment segment, int turn, boolean alone, int budget);

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
