package io.kclient.listener;

import io.kclient.Ordering;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns at lanes for a handler of lists ({@link BatchRecordHandler}): each call takes the records
 * of one segment (one partition's records of a poll that went to the lane), at most
 * {@code batch-max-records}, skipping those whose key is parked and leaving out poison pills,
 * which fail alone. A record the call reports failed parks its key ({@code KEY}) or holds the lane
 * ({@code PARTITION}) like any record not handed off, and is retried alone; the records after it,
 * which the call did not get to, go back to the lane, where those of the failed record's key wait
 * behind it and the others run in the next call.
 *
 * <p>A call holds its lane until it returns: lanes do not split, and are not taken over, for lists.
 */
final class BatchTurns extends LaneTurns {

    private final BatchRecordHandler handler;
    private final int maxRecords;

    BatchTurns(Workers workers, Handling handling, Ordering ordering, BatchRecordHandler handler, int maxRecords) {
        super(workers, handling, ordering);
        this.handler = handler;
        this.maxRecords = maxRecords;
    }

    /** How an attempt calls the handler for one record: a list of one (a retry, or a parked key's next record). */
    static Handling.Call single(BatchRecordHandler handler) {
        return (record, attempt) -> {
            Object element;
            try {
                element = handler.element(record);
            } catch (RuntimeException unreadable) {
                attempt.failed(unreadable);
                return;
            }
            if (element == BatchRecordHandler.SKIP) {
                attempt.handedOff();
                attempt.done();
                return;
            }
            handler.handle(List.of(record), List.of(element), List.of(attempt));
        };
    }

    @Override
    protected int runSegment(Lane lane, Segment segment, int turn, boolean alone, int budget) {
        List<RecordRun> runs = new ArrayList<>();
        List<Object> elements = new ArrayList<>();
        collect(lane, segment, runs, elements);
        int got = runs.isEmpty() ? 0 : call(runs, elements);
        lane.putBack(segment, runs.subList(got, runs.size()));
        if (holdsLane() && lane.hasParked()) {
            lane.endTurn(); // a failed record holds the partition
            return -1;
        }
        return Math.max(got, 1);
    }

    /**
     * Claims up to {@code maxRecords} records of {@code segment} that may run now, with their
     * elements. Records of a partition that went are given up, those of a parked key join its
     * waiting records, and a record that cannot be converted (or whose output an aborted
     * transaction refused) fails now, alone, parking its key.
     */
    private void collect(Lane lane, Segment segment, List<RecordRun> runs, List<Object> elements) {
        PollBatch batch = segment.batch;
        while (runs.size() < maxRecords) {
            int index = segment.claim();
            if (index < 0) {
                return;
            }
            if (!wanted(batch)) {
                batch.finish(index, false);
                continue;
            }
            RecordRun run = runOf(lane, batch, index);
            if (lane.hasParked() && !lane.mayRun(run)) {
                continue;
            }
            Throwable refused = handling.refusedBefore(run.record);
            Object element = null;
            if (refused == null) {
                try {
                    element = handler.element(run.record);
                } catch (RuntimeException unreadable) {
                    refused = unreadable;
                }
            }
            if (refused != null && !runs.isEmpty()) {
                segment.back(1); // the records before it go first; it fails first in the next list
                return;
            }
            if (refused != null) {
                run.begin();
                run.failed(refused);
                run.attempted();
                if (run.holdsKey() && holdsLane()) {
                    return; // the partition waits for the poison pill's dead letter
                }
                continue;
            }
            if (element == BatchRecordHandler.SKIP) { // a tombstone the handler does not take: done, no call
                run.begin();
                run.handedOff();
                run.done();
                run.attempted();
                continue;
            }
            runs.add(run);
            elements.add(element);
        }
    }

    /** Calls the handler with the runs' records; returns how many it got to. */
    private int call(List<RecordRun> runs, List<Object> elements) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(runs.size());
        List<Attempt> attempts = new ArrayList<>(runs.size());
        for (RecordRun run : runs) {
            run.begin();
            records.add(run.record);
            attempts.add(handling.watched(run));
        }
        int got;
        try {
            got = Math.max(1, Math.min(runs.size(), handler.handle(records, elements, attempts)));
        } catch (RuntimeException | Error e) { // around the handler (an interceptor): the first record fails
            runs.get(0).failed(e);
            got = 1;
        }
        for (int i = 0; i < got; i++) {
            runs.get(i).attempted();
            runs.get(i).holdsKey();
        }
        return got;
    }
}
