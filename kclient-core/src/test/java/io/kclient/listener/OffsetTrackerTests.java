package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class OffsetTrackerTests {

    @Test
    void theCommittableOffsetIsTheLowestUnfinishedOne() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.dispatched(10);
        offsets.dispatched(11);
        offsets.dispatched(12);

        offsets.done(11);
        assertThat(offsets.committable()).as("10 is not done").isEqualTo(10);
        offsets.done(10);
        assertThat(offsets.committable()).isEqualTo(12);
        offsets.done(12);
        assertThat(offsets.committable()).as("everything done: the next record to read").isEqualTo(13);
    }

    @Test
    void aCommitPointNamesTheRecordsDoneAboveTheLowestUnfinishedOne() {
        OffsetTracker offsets = new OffsetTracker();
        for (long offset : new long[] {10, 11, 12, 14, 15}) { // 13: a gap, as after compaction
            offsets.dispatched(offset);
        }
        offsets.done(11);
        offsets.done(14);

        assertThat(offsets.doneAboveCommittable()).isEqualTo(2);
        OffsetAndMetadata point = offsets.commitPoint(true);
        assertThat(point.offset()).isEqualTo(10);
        DoneOffsets done = DoneOffsets.of(point);
        assertThat(LongStream.rangeClosed(10, 15).filter(done::contains).toArray()).containsExactly(11, 14);
        assertThat(offsets.commitPoint(false)).isEqualTo(new OffsetAndMetadata(10));

        offsets.done(10);
        offsets.done(12);
        offsets.done(15);
        assertThat(offsets.doneAboveCommittable()).isZero();
        assertThat(offsets.commitPoint(true)).as("everything done: nothing to name").isEqualTo(new OffsetAndMetadata(16));
    }

    /**
     * More records than the tracker first has room for, with gaps between their offsets (as after
     * compaction or transaction markers), finished in random order: only the lowest unfinished one
     * holds the commit back, and a commit releases exactly the records below it.
     */
    @Test
    void aLargeWindowFinishedOutOfOrderCommitsBelowTheLowestUnfinishedRecord() {
        OffsetTracker offsets = new OffsetTracker();
        List<Long> dispatched = LongStream.range(0, 100).map(i -> 2 * i).boxed().collect(Collectors.toCollection(ArrayList::new));
        dispatched.forEach(offsets::dispatched);
        List<Long> finishing = new ArrayList<>(dispatched);
        finishing.remove(Long.valueOf(50));
        Collections.shuffle(finishing, new Random(3));

        finishing.forEach(offsets::done);
        offsets.done(49); // in the gaps: never dispatched, so nothing to finish
        offsets.done(51);
        offsets.done(1000);
        assertThat(offsets.committable()).as("50 is the one record not done").isEqualTo(50);
        assertThat(offsets.pendingCount()).isEqualTo(1);
        assertThat(offsets.committed(50)).as("records 0 to 48 released").isEqualTo(25);
        assertThat(offsets.held()).isEqualTo(75);
        assertThat(offsets.firstUncommitted()).isEqualTo(50);

        offsets.done(50);
        assertThat(offsets.committable()).as("all done: the record after the last").isEqualTo(199);
        assertThat(offsets.pendingCount()).isZero();
        assertThat(offsets.committed(199)).isEqualTo(75);
        assertThat(offsets.held()).isZero();
        assertThat(offsets.firstUncommitted()).isEqualTo(-1);
    }

    /** A partition that once held a large window gives its ring back when a commit empties it, and goes on counting. */
    @Test
    void aLargeRingEmptiedByACommitShrinksAndKeepsWorking() {
        OffsetTracker offsets = new OffsetTracker();
        int window = 4 * OffsetTracker.KEPT_CAPACITY;
        for (long offset = 0; offset < window; offset++) {
            offsets.dispatched(offset);
            offsets.done(offset);
        }
        assertThat(offsets.capacity()).isGreaterThanOrEqualTo(window);
        assertThat(offsets.committed(window - 10)).as("part of the window").isEqualTo(window - 10);
        assertThat(offsets.capacity()).as("records still held").isGreaterThanOrEqualTo(window);

        assertThat(offsets.committed(window)).isEqualTo(10);
        assertThat(offsets.capacity()).as("empty: given back").isLessThanOrEqualTo(OffsetTracker.KEPT_CAPACITY);

        for (long offset = window; offset < window + 100; offset++) {
            offsets.dispatched(offset);
        }
        offsets.done(window + 1);
        offsets.done(window);
        assertThat(offsets.committable()).as("the two oldest done").isEqualTo(window + 2);
        assertThat(offsets.committed(window + 2)).isEqualTo(2);
        assertThat(offsets.held()).isEqualTo(98);
        assertThat(offsets.firstUncommitted()).isEqualTo(window + 2);
    }

    /**
     * Workers finish records while the poll thread asks what to commit: the last pending record
     * may be done between two reads of the pending set. That once failed the whole consumer.
     */
    @Test
    void askingWhileWorkersFinishRecordsNeverFails() throws InterruptedException {
        OffsetTracker offsets = new OffsetTracker();
        BlockingQueue<Long> running = new ArrayBlockingQueue<>(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int records = 200_000;
        Thread worker = new Thread(() -> {
            try {
                for (int i = 0; i < records; i++) {
                    offsets.done(running.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        try {
            for (long offset = 0; offset < records; offset++) {
                offsets.dispatched(offset);
                running.put(offset);
                long committable = offsets.committable(); // on the poll thread, racing the worker's done
                assertThat(committable).isBetween(offset - 1, offset + 1); // the worker may still be finishing the one before
            }
        } catch (RuntimeException | AssertionError e) {
            failure.set(e);
        } finally {
            worker.interrupt();
            worker.join();
        }
        assertThat(failure.get()).isNull();
    }
}
