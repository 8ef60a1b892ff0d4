package io.kclient.listener;

import io.kclient.Ordering;

/**
 * Turns at lanes for a handler of one record at a time. A record that hands off while it runs lets
 * the turn go on to the next at once, on the same worker, with no lock; one that does not parks
 * its key (its later records wait, the lane's other keys go on) or, in {@code PARTITION} order,
 * holds the lane and ends the turn.
 *
 * <p>While records take long (see {@link Workers#splitting()}), each record is run alone: its key
 * is parked, the rest of the lane goes back to the workers for another worker's turn, and this
 * worker runs the record. A handler that blocks then holds only its own key.
 */
final class RecordTurns extends LaneTurns {

    RecordTurns(Workers workers, Handling handling, Ordering ordering) {
        super(workers, handling, ordering);
    }

    @Override
    protected boolean splits() {
        return !holdsLane() && workers.splitting();
    }

    @Override
    protected int runSegment(Lane lane, Segment segment, int turn, boolean alone, int budget) {
        int ran = 0;
        for (RecordRun run = nextOf(lane, segment); run != null; run = ran < budget ? nextOf(lane, segment) : null) {
            if (alone) {
                runAlone(lane, run, segment);
                return -1;
            }
            lane.running(run);
            run.start();
            ran++;
            if (lane.turn() != turn) {
                lane.putBack(segment); // taken over while the record ran: the lane is another worker's now
                return -1;
            }
            if (run.holdsKey() && holdsLane()) {
                lane.putBack(segment);
                lane.endTurn(); // the lane waits for the record, or goes on if it handed off meanwhile
                return -1;
            }
        }
        lane.putBack(segment);
        return ran;
    }

    /**
     * The next record of {@code segment} that may start now: records of a partition that went are
     * given up, those of a parked key join its waiting records.
     */
    private RecordRun nextOf(Lane lane, Segment segment) {
        PollBatch batch = segment.batch;
        for (int index = segment.claim(); index >= 0; index = segment.claim()) {
            if (!wanted(batch)) {
                batch.finish(index, false);
                continue;
            }
            RecordRun run = runOf(lane, batch, index);
            if (!lane.hasParked() || lane.mayRun(run)) {
                return run;
            }
        }
        return null;
    }
}
