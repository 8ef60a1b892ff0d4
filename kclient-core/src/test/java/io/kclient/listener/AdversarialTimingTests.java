package io.kclient.listener;

import static io.kclient.listener.ContainerRig.await;
import static io.kclient.listener.TestBroker.namedDone;
import static io.kclient.listener.TestBroker.numbered;
import static io.kclient.listener.TestBroker.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.ContainerState;
import io.kclient.Ordering;
import io.kclient.config.RetrySettings;
import io.kclient.it.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's promises (README, "Delivery guarantees") under the timings that break them: outages,
 * rebalances, restarts and failures at the wrong moment. Each test drives a container through its
 * public life cycle on {@link TestBroker}'s consumers and judges it by what the handler saw and what
 * the group committed, never by the engine's insides, so it holds for any engine that keeps the
 * promises.
 */
class AdversarialTimingTests {

    private static final TopicPartition P0 = new TopicPartition("dogs", 0);
    private static final TopicPartition P1 = new TopicPartition("dogs", 1);
    private static final Duration SHORT_SHUTDOWN = Duration.ofMillis(200);

    private final TestBroker broker = new TestBroker();
    private final ContainerRig rig = new ContainerRig();

    @AfterEach
    void close() {
        broker.endOutage();
        rig.close();
    }

    /**
     * Issue 16, item 1. The stop of a restart cannot commit (the broker is down) and gives up on a
     * record whose output is never acknowledged. Whenever the old poll loop ends, the new one must
     * be the one running: the old loop's ending must not stop it.
     */
    @Test
    void aRestartDuringABrokerOutageLeavesTheHandlerRunning() {
        broker.apiTimeout(Duration.ofSeconds(15));
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = rig.shutdownTimeout(SHORT_SHUTDOWN).build(broker.joining(P0), record -> {
            handled.add(text(record.value()));
            return text(record.value()).equals("stuck")
                    ? new RecordOutcome(CompletableFuture.completedFuture(null), new CompletableFuture<>())
                    : RecordOutcome.completed();
        });
        container.start();
        broker.startOutage();
        broker.append(P0, List.of("stuck", "done"), value -> value);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.containsAll(List.of("stuck", "done")));

        container.restart();
        BrokerConsumer first = broker.consumers().get(0);
        await().atMost(Duration.ofSeconds(30)).until(first::closed); // the old poll loop ended, whenever it did
        broker.endOutage();
        broker.append(P0, List.of("sentinel"), value -> value);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("sentinel"));
        assertThat(container.state()).isEqualTo(ContainerState.RUNNING);
    }

    /** Issue 16, item 2: an eager rebalance (revoke all, assign all) whose first poll brings records. */
    @Test
    void aPausedHandlerHandsNothingToItsWorkersFromAPollThatAssignedItPartitions() {
        List<Long> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = startPaused(recording(handled));
        BrokerConsumer consumer = consumer(0);

        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of());
            consumer.rebalance(List.of(P0));
            broker.append(P0, numbered(5), value -> "k" + value);
        });
        consumer.awaitPolls(1);

        assertThat(rig.received()).as("records handed to the workers while paused").isZero();
        container.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P0) == 5);
        assertThat(handled).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
    }

    /** Issue 16, item 2: the first poll after {@code restart()} of a paused handler assigns it partitions with records. */
    @Test
    void aPausedHandlerStaysPausedThroughARestart() {
        List<Long> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = startPaused(recording(handled));
        broker.append(P0, numbered(3), value -> "k" + value);

        container.restart();
        consumer(1).awaitPolls(1);

        assertThat(container.state()).isEqualTo(ContainerState.PAUSED);
        assertThat(rig.received()).as("records handed to the workers while paused").isZero();
        container.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P0) == 3);
        assertThat(handled).containsExactlyInAnyOrder(0L, 1L, 2L);
    }

    /**
     * Issue 16, item 3. Offsets 0 and 5 are held, 1-4 and 6-9 done; a commit at 0 names the eight.
     * Offset 0 then finishes, and the offset moves to 5 sooner than new names are due: the commit
     * at 5 must still name 6-9, or a crash now has them handled again.
     */
    @Test
    void aCommitThatMovesTheOffsetStillNamesTheDoneRecordsAnEarlierCommitNamed() {
        CompletableFuture<Void> zeroAcknowledged = new CompletableFuture<>();
        ListenerContainer container = rig.shutdownTimeout(SHORT_SHUTDOWN).build(broker.joining(P0), record -> switch ((int) record.offset()) {
            case 0 -> new RecordOutcome(CompletableFuture.completedFuture(null), zeroAcknowledged);
            case 5 -> new RecordOutcome(CompletableFuture.completedFuture(null), new CompletableFuture<>());
            default -> RecordOutcome.completed();
        });
        container.start();
        broker.append(P0, numbered(10), value -> "k" + value);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.committedOffset(P0) == 0 && namedDone(broker.committed(P0)) == 8);

        zeroAcknowledged.complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P0) == 5);
        TestBroker afterCrash = broker.afterCrash();

        assertThat(handledByNextOwner(afterCrash, 10)).as("handled again after a crash").containsExactly(5L);
    }

    /**
     * Issue 16, item 4. The asynchronous commits that name done records fail (the coordinator is
     * moving); the stop's commit must name them all the same.
     */
    @Test
    void whenCommitsNamingDoneRecordsFailTheStopCommitNamesThem() {
        broker.failAsyncCommits(offsets -> offsets.values().stream().anyMatch(offset -> !offset.metadata().isEmpty()));
        ListenerContainer container = rig.shutdownTimeout(SHORT_SHUTDOWN).build(broker.joining(P0), record -> record.offset() == 0
                ? new RecordOutcome(CompletableFuture.completedFuture(null), new CompletableFuture<>())
                : RecordOutcome.completed());
        container.start();
        broker.append(P0, numbered(5), value -> "k" + value);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.failedCommits().stream().anyMatch(commit -> namedDone(commit.get(P0)) == 4));

        container.stop();
        broker.failAsyncCommits(offsets -> false);

        assertThat(handledByNextOwner(broker, 5)).as("handled again after the stop").containsExactly(0L);
    }

    /**
     * Issue 16, item 5. MirrorMaker 2's offset sync commits the metadata of a commit at offset 0
     * (naming offset 1 done) with the translated offset 2. The done records it names are for
     * another offset: the next owner must not skip offset 3 by them, which nobody handled.
     */
    @Test
    void doneRecordsNamedForAnotherOffsetAreNotSkipped() {
        List<Long> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = rig.shutdownTimeout(SHORT_SHUTDOWN).build(broker.joining(P0), record -> {
            handled.add(record.offset());
            return record.offset() == 0
                    ? new RecordOutcome(CompletableFuture.completedFuture(null), new CompletableFuture<>())
                    : RecordOutcome.completed();
        });
        container.start();
        broker.append(P0, numbered(2), value -> "k" + value);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.containsAll(List.of(0L, 1L)));
        container.stop();
        OffsetAndMetadata namingOne = broker.committed(P0);
        assertThat(namingOne.offset()).isZero();
        assertThat(namedDone(namingOne)).isEqualTo(1);

        broker.commitFromOutside(P0, new OffsetAndMetadata(2, namingOne.metadata()));
        broker.append(P0, List.of("2", "3", "4"), value -> "k" + value);

        assertThat(handledByNextOwner(broker, 5)).containsExactly(2L, 3L, 4L);
    }

    /**
     * Issue 16, item 6. With one worker busy on partition 1's backlog, partition 0 is revoked
     * before any of its records started: the revoke gives them up at once, rather than waiting
     * (the whole shutdown timeout) for records queued behind another partition's.
     */
    @Test
    void aRevokeDoesNotWaitForTheBacklogOfThePartitionsItKeeps() {
        CountDownLatch partitionOneGoes = rig.gate();
        CountDownLatch partitionOneStarted = new CountDownLatch(1);
        List<ConsumerRecord<byte[], byte[]>> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = rig.ordering(Ordering.KEY).concurrency(1).shutdownTimeout(Duration.ofSeconds(60))
                .build(broker.joining(P0, P1), record -> {
                    if (record.partition() == 1) {
                        partitionOneStarted.countDown();
                        await(partitionOneGoes);
                    }
                    handled.add(record);
                    return RecordOutcome.completed();
                });
        container.start();
        broker.append(P1, numbered(150), value -> "k" + value);
        await(partitionOneStarted);
        broker.append(P0, numbered(5), value -> "k" + value);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.received() == 155);

        BrokerConsumer consumer = consumer(0);
        CountDownLatch revoked = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P1));
            revoked.countDown();
        });
        await(revoked);

        partitionOneGoes.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P1) == 150);
        assertThat(handled).as("partition 0's records, revoked before they started").noneMatch(record -> record.partition() == 0);
    }

    /**
     * Issue 16, suspected: a retry whose backoff outlasts the revoke wait finds its partition
     * assigned again. The retry belongs to the assignment that went; the record is the new
     * assignment's, which handles it once more (attempt 2), and the old retry must not (attempt 3).
     */
    @Test
    void aRetryThatOutlastsTheRevokeWaitDoesNotRunOnceItsPartitionIsAssignedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        ListenerContainer container = rig.ordering(Ordering.KEY).shutdownTimeout(Duration.ofMillis(100))
                .retry(new RetrySettings(3, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1)))
                .build(broker.joining(P0), record -> attempts.incrementAndGet() == 1
                        ? RecordOutcome.failed(new IllegalStateException("flaky"))
                        : RecordOutcome.completed());
        container.start();
        broker.append(P0, List.of("only"), value -> "k");
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);

        BrokerConsumer consumer = consumer(0);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of());
            consumer.rebalance(List.of(P0));
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P0) == 1);
        assertThat(attempts).as("the first attempt, and one by the new assignment").hasValue(2);
        assertThat(rig.recovered()).isEmpty();
    }

    /**
     * Issue 16, suspected: a record of the run before a restart fails after it, its last attempt.
     * The new run handled it again; the old run's failure must not send it to the dead-letter topic.
     */
    @Test
    void aRecordOfTheRunBeforeARestartIsNotDeadLetteredByTheNewRun() {
        CompletableFuture<Void> firstRunsOutcome = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        ListenerContainer container = rig.shutdownTimeout(Duration.ofMillis(100)).retry(RetrySettings.NONE)
                .build(broker.joining(P0), record -> calls.incrementAndGet() == 1
                        ? RecordOutcome.completedWhen(firstRunsOutcome)
                        : RecordOutcome.completed());
        container.start();
        broker.append(P0, List.of("only"), value -> "k");
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);

        container.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P0) == 1);
        firstRunsOutcome.completeExceptionally(new IllegalStateException("failed after the restart"));

        assertThat(calls).hasValue(2);
        assertThat(rig.recovered()).as("dead-lettered by the run that gave it up").isEmpty();
    }

    /**
     * Issue 16, suspected: an {@link Error} thrown around the user's method (an interceptor, a
     * validator, argument resolution) fails the attempt like any other failure: the record is
     * retried, then dead-lettered, and its offset committed.
     */
    @Test
    void anErrorThrownAroundTheHandlerMethodIsRetriedThenDeadLettered() {
        AtomicInteger attempts = new AtomicInteger();
        ListenerContainer container = rig.build(broker.joining(P0), record -> {
            if (record.offset() == 0) {
                attempts.incrementAndGet();
                throw new NoClassDefFoundError("an interceptor's missing class");
            }
            return RecordOutcome.completed();
        });
        container.start();
        broker.append(P0, numbered(2), value -> "k" + value);

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P0) == 2);
        assertThat(attempts).hasValue(3);
        assertThat(rig.recovered()).singleElement().satisfies(recovered -> {
            assertThat(recovered.offset()).isZero();
            assertThat(recovered.cause()).isInstanceOf(NoClassDefFoundError.class);
        });
    }

    /**
     * Issue 16, suspected: during an outage every loop's asynchronous commit fails. The log says so
     * once when it starts, and once more when commits work again, not once per loop.
     */
    @Test
    void failedCommitsAreLoggedOncePerOutageThenSummedUp() {
        try (LogCapture logs = new LogCapture()) {
            ListenerContainer container = rig.build(broker.joining(P0), record -> RecordOutcome.completed());
            broker.failAsyncCommits(offsets -> true);
            container.start();
            broker.append(P0, numbered(1), value -> "k" + value);
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.failedCommits().size() >= 5);

            broker.failAsyncCommits(offsets -> false);
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.committedOffset(P0) == 1);
            String summary = broker.failedCommits().size() + " failed commits";
            await("the summary once commits work again").atMost(Duration.ofSeconds(10))
                    .until(() -> logs.events().stream().anyMatch(event -> event.startsWith("INFO ") && event.contains(summary)));

            assertThat(logs.events()).filteredOn(event -> event.startsWith("WARN ") && event.contains("commit"))
                    .as("warnings about commits").hasSize(1);
        }
    }

    /** The records a next owner of partition 0 handles, reading {@code from} until its offset reaches {@code end}. */
    private List<Long> handledByNextOwner(TestBroker from, long end) {
        List<Long> handled = new CopyOnWriteArrayList<>();
        ListenerContainer next = rig.build(from.joining(P0), recording(handled));
        next.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> from.committedOffset(P0) == end);
        next.stop();
        return handled.stream().sorted().toList();
    }

    /** A container of {@code handler} on partition 0, started and paused: its consumer paused the partition. */
    private ListenerContainer startPaused(RecordHandler handler) {
        ListenerContainer container = rig.build(broker.joining(P0), handler);
        container.start();
        container.pause();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer(0).paused().contains(P0));
        return container;
    }

    /** A handler that adds the offset of each record to {@code handled}, done at once. */
    private static RecordHandler recording(List<Long> handled) {
        return record -> {
            handled.add(record.offset());
            return RecordOutcome.completed();
        };
    }

    /** The {@code index}th consumer the containers made, once they made it. */
    private BrokerConsumer consumer(int index) {
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.consumers().size() > index);
        return broker.consumers().get(index);
    }
}
