package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
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
