package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.Ordering;
import io.kclient.observe.TopicObserver;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which offset a partition may commit, and what it holds until then: the rules of the old offset tracker, on poll batches. */
class HeldBatchesTests {

    private static final TopicPartition DOGS = new TopicPartition("dogs", 0);

    private final AssignedPartition partition = partition();
    private final HeldBatches held = partition.held;

    @Test
    void theCommittableOffsetIsTheLowestUnfinishedOne() {
        PollBatch batch = receive(10, 11, 12);

        batch.finish(1, true);
        assertThat(held.committable()).as("10 is not done").isEqualTo(10);
        batch.finish(0, true);
        assertThat(held.committable()).isEqualTo(12);
        batch.finish(2, true);
        assertThat(held.committable()).as("everything done: the next record to read").isEqualTo(13);
        assertThat(held.allDone()).isTrue();
    }

    @Test
    void aRecordGivenUpHoldsTheOffsetLikeOneStillRunning() {
        PollBatch batch = receive(10, 11);
        batch.finish(1, true);
        batch.finish(0, false);

        assertThat(held.committable()).as("given up: handled again by the next owner").isEqualTo(10);
        assertThat(held.unsettled()).isZero();
        assertThat(held.allDone()).isFalse();
    }

    @Test
    void theDoneRecordsAboveTheLowestUnfinishedOneAreNamedAcrossBatches() {
        PollBatch first = receive(10, 11, 12);
        PollBatch second = receive(14, 15); // 13: a gap, as after compaction
        first.finish(1, true);
        second.finish(0, true);

        assertThat(held.committable()).isEqualTo(10);
        assertThat(held.doneAbove()).isEqualTo(2);
        BitSet done = held.doneAbove(10, DoneOffsets.MAX_OFFSETS);
        assertThat(done.stream().mapToLong(bit -> 10 + bit).toArray()).containsExactly(11, 14);
        assertThat(held.doneAbove(10, 3).stream().toArray()).as("no further than the limit").containsExactly(1);

        first.finish(0, true);
        first.finish(2, true);
        second.finish(1, true);
        assertThat(held.doneAbove()).isZero();
        assertThat(held.committable()).isEqualTo(16);
    }

    /**
     * Many batches, with gaps between their offsets (as after compaction or transaction markers),
     * finished in random order: only the lowest unfinished record holds the commit back, and a
     * commit lets go of exactly the records below it.
     */
    @Test
    void aLargeWindowFinishedOutOfOrderCommitsBelowTheLowestUnfinishedRecord() {
        List<PollBatch> batches = new ArrayList<>();
        List<int[]> records = new ArrayList<>(); // batch, index
        for (int b = 0; b < 20; b++) {
            PollBatch batch = receive(LongStream.range(0, 5).map(i -> 2 * (5L * batches.size() + i)).toArray());
            batches.add(batch);
            for (int i = 0; i < 5; i++) {
                records.add(new int[] {b, i});
            }
        }
        records.removeIf(r -> batches.get(r[0]).offset(r[1]) == 50);
        Collections.shuffle(records, new Random(3));

        records.forEach(r -> batches.get(r[0]).finish(r[1], true));
        assertThat(held.committable()).as("50 is the one record not done").isEqualTo(50);
        assertThat(held.unsettled()).isEqualTo(1);
        held.committed(50);
        assertThat(held.records()).as("records 0 to 48 let go").isEqualTo(75);
        assertThat(held.firstUncommitted()).isEqualTo(50);

        batches.get(5).finish(0, true);
        assertThat(held.committable()).as("all done: the record after the last").isEqualTo(199);
        held.committed(199);
        assertThat(held.records()).isZero();
        assertThat(held.bytes()).isZero();
        assertThat(held.firstUncommitted()).isEqualTo(-1);
    }

    /** A partition that held a long window lets go of its batches as commits cover them, and goes on counting. */
    @Test
    void committedBatchesAreLetGoSoAQuietPartitionHoldsNothing() {
        for (int b = 0; b < 1000; b++) {
            PollBatch batch = receive(2L * b, 2L * b + 1);
            batch.finish(0, true);
            batch.finish(1, true);
        }
        held.committed(held.committable());
        assertThat(held.records()).isZero();
        assertThat(held.positions()).as("committed batches are not kept").isLessThanOrEqualTo(1000 - 64);

        PollBatch later = receive(2000, 2001, 2002);
        later.finish(1, true);
        later.finish(0, true);
        assertThat(held.committable()).isEqualTo(2002);
        held.committed(2002);
        assertThat(held.records()).isEqualTo(1);
        assertThat(held.firstUncommitted()).isEqualTo(2002);
    }

    /**
     * Workers finish records while the poll thread asks what to commit: a record may be finished
     * between two reads. That once failed the whole consumer.
     */
    @Test
    void askingWhileWorkersFinishRecordsNeverFails() throws InterruptedException {
        int count = 200_000;
        PollBatch batch = receive(LongStream.range(0, count).toArray());
        BlockingQueue<Integer> running = new ArrayBlockingQueue<>(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    batch.finish(running.take(), true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        try {
            for (int offset = 0; offset < count; offset++) {
                running.put(offset);
                assertThat(held.committable()).isBetween(offset - 1L, offset + 1L); // the worker may still be finishing
            }
        } catch (RuntimeException | AssertionError e) {
            failure.set(e);
        } finally {
            worker.interrupt();
            worker.join();
        }
        assertThat(failure.get()).isNull();
    }

    private PollBatch receive(long... offsets) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long offset : offsets) {
            records.add(new ConsumerRecord<>(DOGS.topic(), DOGS.partition(), offset, new byte[] {1}, new byte[] {2, 3}));
        }
        PollBatch batch = new PollBatch(partition, records, records.size(), 3L * records.size());
        held.add(batch);
        return batch;
    }

    static AssignedPartition partition() {
        return new AssignedPartition(DOGS, TopicObserver.NONE, DoneOffsets.NONE, false,
                new Lanes(null, Ordering.PARTITION, 1), () -> { });
    }
}
