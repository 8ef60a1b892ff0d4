package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

/** What a partition's commits tell the broker: the offset, and when the done records above it are named. */
class AssignedPartitionTests {

    private final AssignedPartition partition = HeldBatchesTests.partition();
    private long now = 10_000;

    @Test
    void theOffsetIsCommittedWhenItMovesAndNotAgain() {
        PollBatch batch = receive(0, 3);
        finish(batch, 0, 1, 2);

        OffsetAndMetadata commit = partition.toCommit(now, true, false);
        assertThat(commit).isEqualTo(new OffsetAndMetadata(3));
        partition.committed(commit);
        assertThat(partition.toCommit(now, true, false)).as("nothing new").isNull();
        assertThat(partition.held.records()).isZero();
    }

    @Test
    void doneRecordsAboveTheOffsetAreNamedAtMostOnceASecondUnlessThePartitionGoes() {
        PollBatch batch = receive(0, 10);
        finish(batch, 1, 2);

        OffsetAndMetadata first = partition.toCommit(now, true, false);
        assertThat(named(first)).containsExactly(1, 2);
        partition.committed(first);

        finish(batch, 3);
        now += 500;
        assertThat(partition.toCommit(now, true, false)).as("changed, but named half a second ago").isNull();
        assertThat(named(partition.toCommit(now, true, true))).as("revoke or stop: named now").containsExactly(1, 2, 3);
        now += 1000;
        assertThat(named(partition.toCommit(now, true, false))).containsExactly(1, 2, 3);
        assertThat(partition.toCommit(now, false, true)).as("the broker refused names: the offset alone, unmoved").isNull();
    }

    /** A commit that moves the offset must not drop records an earlier commit named done above it. */
    @Test
    void aCommitThatMovesTheOffsetKeepsNamingWhatTheBrokerWasToldIsDone() {
        PollBatch batch = receive(0, 10);
        finish(batch, 1, 2, 3, 4, 6, 7, 8, 9); // 0 and 5 held
        OffsetAndMetadata first = partition.toCommit(now, true, false);
        assertThat(first.offset()).isZero();
        assertThat(named(first)).containsExactly(1, 2, 3, 4, 6, 7, 8, 9);
        partition.committed(first);

        finish(batch, 0);
        now += 10; // well within the second
        OffsetAndMetadata second = partition.toCommit(now, true, false);
        assertThat(second.offset()).isEqualTo(5);
        assertThat(named(second)).as("6 to 9 were named before: a crash now must not handle them again").containsExactly(6, 7, 8, 9);
    }

    /** What the broker has is what a commit that succeeded told it, not what one that failed would have. */
    @Test
    void aCommitThatFailedLeavesTheNamesToTheNextOne() {
        PollBatch batch = receive(0, 5);
        finish(batch, 1, 2, 3, 4);
        assertThat(named(partition.toCommit(now, true, false))).containsExactly(1, 2, 3, 4); // built, never answered

        assertThat(partition.toCommit(now + 10, true, false)).as("names at most once a second: the offset alone")
                .isEqualTo(new OffsetAndMetadata(0));
        OffsetAndMetadata onStop = partition.toCommit(now + 10, true, true);
        assertThat(onStop.offset()).isZero();
        assertThat(named(onStop)).as("the stop's commit still names them").containsExactly(1, 2, 3, 4);
    }

    @Test
    void aLateAnswerToAnOlderCommitDoesNotMoveWhatTheBrokerHasBack() {
        PollBatch batch = receive(0, 4);
        finish(batch, 0, 1, 2, 3);
        partition.committed(new OffsetAndMetadata(4));
        partition.committed(new OffsetAndMetadata(2));

        assertThat(partition.toCommit(now, true, true)).isNull();
    }

    private PollBatch receive(long from, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        LongStream.range(from, from + count).forEach(offset -> records.add(new ConsumerRecord<>("dogs", 0, offset, null, null)));
        PollBatch batch = new PollBatch(partition, records, count, 0);
        partition.held.add(batch);
        return batch;
    }

    private static void finish(PollBatch batch, int... indexes) {
        for (int index : indexes) {
            batch.finish(index, true);
        }
    }

    private static List<Integer> named(OffsetAndMetadata commit) {
        DoneOffsets done = DoneOffsets.of(commit);
        return LongStream.range(commit.offset(), commit.offset() + 100).filter(done::contains).mapToObj(o -> (int) o).toList();
    }
}
