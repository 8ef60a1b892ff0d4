package io.kclient.listener;

import static io.kclient.listener.ContainerRig.await;
import static io.kclient.listener.TestBroker.numbered;
import static io.kclient.listener.TestBroker.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kclient.ContainerState;
import io.kclient.KClientException;
import io.kclient.Ordering;
import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.producer.TransactionalOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container's promises, driven through {@link TestBroker}'s consumers: no broker. */
class HandlerContainerTests {

    private static final String TOPIC = "dogs";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final TestBroker broker = new TestBroker();
    private final ContainerRig rig = new ContainerRig();
    private ListenerContainer container;

    /** A handler whose lane waits for the record to be done, as before hand-off existed. */
    @FunctionalInterface
    interface StageHandler {
        CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void keepsEachKeysOrderWhileKeysRunInParallel() {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        start(rig.ordering(Ordering.KEY).concurrency(8).maxInFlight(10_000), record -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            sleep(ThreadLocalRandom.current().nextInt(3));
            String[] keyAndSeq = text(record.value()).split(":");
            seen.computeIfAbsent(keyAndSeq[0], k -> Collections.synchronizedList(new ArrayList<>())).add(Integer.parseInt(keyAndSeq[1]));
            running.decrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        int keys = 20;
        int perKey = 25;
        List<String> values = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (int k = 0; k < keys; k++) {
                values.add("key" + k + ":" + seq);
            }
        }
        send(P0, values, v -> v.split(":")[0]);

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.values().stream().mapToInt(List::size).sum() == keys * perKey);
        for (List<Integer> sequence : seen.values()) {
            assertThat(sequence).isSorted().hasSize(perKey);
        }
        assertThat(maxRunning.get()).as("different keys ran in parallel on one partition").isGreaterThan(1);
        awaitCommitted(P0, keys * perKey);
    }

    @Test
    void partitionOrderingRunsOnePartitionAtATime() {
        Map<Integer, List<Long>> seen = startRecordingOffsets(rig.ordering(Ordering.PARTITION).concurrency(4).maxInFlight(10_000));
        send(P0, numbered(50), v -> "k" + v);
        send(P1, numbered(50), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.values().stream().mapToInt(List::size).sum() == 100);
        assertThat(seen.get(0)).isSorted();
        assertThat(seen.get(1)).isSorted();
    }

    @Test
    void neverCommitsPastAnUnfinishedRecord() {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        start(rig.ordering(Ordering.NONE).concurrency(4).maxInFlight(10_000), record -> {
            if (record.offset() == 0) {
                await(releaseFirst);
            }
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, numbered(10), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 9);
        consumer().awaitPolls(2); // the loop went round since the nine were done: it would have committed them
        assertThat(committed(P0)).as("nothing committed while offset 0 runs").isIn(-1L, 0L);

        releaseFirst.countDown();
        awaitCommitted(P0, 10);
    }

    @Test
    void whileASlowRecordHoldsTheOffsetCommitsNameTheRecordsDoneBehindIt() {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        start(rig.ordering(Ordering.NONE).concurrency(4).maxInFlight(10_000), record -> {
            if (record.offset() == 0) {
                await(releaseFirst);
            }
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, numbered(10), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> DoneOffsets.of(broker.committed(P0)).count() == 9);
        assertThat(broker.committed(P0).offset()).as("still below the slow record").isZero();
        DoneOffsets named = DoneOffsets.of(broker.committed(P0));
        assertThat(LongStream.range(0, 10).filter(named::contains).toArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);

        releaseFirst.countDown();
        awaitCommitted(P0, 10);
        assertThat(broker.committed(P0).metadata()).as("nothing done above the offset: nothing to name").isEmpty();
    }

    /**
     * Record 0 is stuck; 1 to 4 finish, and the commit naming them done is refused; then 5 to 9
     * finish, and a stop gives up on record 0: its last commit would name 1 to 9 (a stop names done
     * records whatever the time since the last naming), but after a refusal commits go without them.
     */
    @Test
    void aBrokerThatRefusesTheDoneRecordsInCommitsGetsOffsetsAlone() {
        broker.refuseMetadata();
        CountDownLatch stuck = rig.gate();
        CountDownLatch later = rig.gate();
        AtomicInteger handled = new AtomicInteger();
        start(rig.ordering(Ordering.KEY).concurrency(2).maxInFlight(10_000).shutdownTimeout(Duration.ofMillis(200)), record -> {
            if (record.offset() == 0) {
                await(stuck);
            } else if (record.offset() >= 5) {
                await(later);
            }
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, numbered(10), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.refusedForMetadata() > 0);
        later.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 9);
        container.stop();

        assertThat(broker.refusedForMetadata()).as("refused once, then offsets alone").isEqualTo(1);
        assertThat(broker.commits()).allSatisfy(commit -> assertThat(commit.values())
                .allSatisfy(offset -> assertThat(offset.metadata()).isEmpty()));
    }

    @Test
    void recordsTheLastCommitNamedDoneAreNotHandledAgain() {
        BitSet doneBefore = new BitSet();
        doneBefore.set(1);
        doneBefore.set(3);
        doneBefore.set(4);
        broker.commitFromOutside(P0, DoneOffsets.of(0, doneBefore).commit());
        List<Long> handled = new CopyOnWriteArrayList<>();
        start(rig.ordering(Ordering.KEY).concurrency(2).maxInFlight(100), record -> {
            handled.add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, numbered(6), v -> "k" + v);

        awaitCommitted(P0, 6);
        assertThat(handled).containsExactlyInAnyOrder(0L, 2L, 5L);
        assertThat(rig.skipped()).as("the observer hears of each record not handled again").isEqualTo(3);
    }

    @Test
    void asynchronousCompletionHoldsTheOffsetUntilItCompletes() {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        start(rig.ordering(Ordering.KEY).concurrency(2).maxInFlight(100), record ->
                record.offset() == 1 ? pending : CompletableFuture.completedFuture(null), P0);
        send(P0, numbered(3), v -> "k" + v);

        awaitCommitted(P0, 1);
        consumer().awaitPolls(2); // the loop went round since: it would have committed past offset 1
        assertThat(committed(P0)).as("held below the record still running").isEqualTo(1L);
        pending.complete(null);
        awaitCommitted(P0, 3);
    }

    @Test
    void pausesPastMaxInFlightAndResumesBelowIt() {
        pausesWhenFullAndResumes(rig.ordering(Ordering.NONE).concurrency(2).maxInFlight(10), numbered(100), 10);
    }

    @Test
    void pausesPastMaxInFlightBytesAndResumesBelowThem() {
        List<String> nineBytes = numbered(100).stream().map(v -> "%09d".formatted(Integer.parseInt(v))).toList();
        // 10 bytes a record with its key "k": the fifth reaches the bound of 50
        pausesWhenFullAndResumes(rig.ordering(Ordering.NONE).concurrency(2).maxInFlight(100).maxInFlightBytes(50), nineBytes, 5);
    }

    /**
     * Blocks the handler, sends {@code values} to P0 with key "k", and checks that the consumer
     * paused with exactly {@code taken} records taken, then resumed and committed them all once
     * the handler was let go, each fetched once: the rest of the poll past the bound was kept,
     * not read again.
     */
    private void pausesWhenFullAndResumes(ContainerRig settings, List<String> values, int taken) {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        start(settings, record -> {
            await(release);
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, values, v -> "k");

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer().paused().contains(P0));
        assertThat(container.inFlight()).as("the rest of the poll was left for later").isEqualTo(taken);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == values.size());
        awaitCommitted(P0, values.size());
        // in flight until the commit: the loop resumes the partition once it counted that
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer().paused().isEmpty());
        assertThat(consumer().returned()).as("records the consumer fetched, counting those fetched again")
                .isEqualTo(values.size());
    }

    /**
     * Under a bound far below a poll, each partition's records are received a few at a time from
     * what was kept of earlier polls: still each once, in offset order, and every one committed.
     */
    @Test
    void recordsKeptPastTheBoundRunOnceEachInOffsetOrder() {
        Map<Integer, List<Long>> seen = startRecordingOffsets(rig.ordering(Ordering.PARTITION).concurrency(2).maxInFlight(7));
        send(P0, numbered(60), v -> "k" + v);
        send(P1, numbered(60), v -> "k" + v);

        awaitCommitted(P0, 60);
        awaitCommitted(P1, 60);
        List<Long> offsets = LongStream.range(0, 60).boxed().toList();
        assertThat(seen.get(0)).as("partition 0, each record once in offset order").isEqualTo(offsets);
        assertThat(seen.get(1)).as("partition 1, each record once in offset order").isEqualTo(offsets);
        assertThat(consumer().returned()).as("records the consumer fetched, counting those fetched again").isEqualTo(120);
    }

    /** An operator's pause while records past the bound are kept: they are read again after the resume, none lost or twice. */
    @Test
    void anOperatorPauseGivesBackTheRecordsKeptPastTheBound() {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> seen = new CopyOnWriteArrayList<>();
        start(rig.ordering(Ordering.PARTITION).concurrency(1).maxInFlight(5), record -> {
            await(release);
            seen.add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, numbered(20), v -> "k");
        await().atMost(Duration.ofSeconds(10)).until(() -> container.inFlight() == 5);

        container.pause();
        release.countDown();
        awaitCommitted(P0, 5);
        consumer().awaitPolls(2);
        assertThat(seen).as("nothing past the bound ran while paused").hasSize(5);

        container.resume();
        awaitCommitted(P0, 20);
        assertThat(seen).isEqualTo(LongStream.range(0, 20).boxed().toList());
    }

    @Test
    void aRecordLargerThanTheByteBoundStillRuns() {
        List<String> handled = new CopyOnWriteArrayList<>();
        start(rig.ordering(Ordering.NONE).concurrency(2).maxInFlight(100).maxInFlightBytes(50), record -> {
            handled.add(text(record.value()));
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, List.of("x".repeat(200), "small"), v -> "k");

        awaitCommitted(P0, 2);
        assertThat(handled).containsExactlyInAnyOrder("x".repeat(200), "small");
    }

    /** A zero backoff, or one that grows wrong or past its bound, fails here: each wait is asked for exactly, and waited. */
    @Test
    void retriesWithBackoffThenSucceeds() {
        List<Long> attemptNanos = new CopyOnWriteArrayList<>();
        start(rig.ordering(Ordering.KEY).concurrency(1).maxInFlight(100).retry(new RetrySettings(4, Duration.ofMillis(50), 2.0,
                Duration.ofMillis(150))), record -> {
                    attemptNanos.add(System.nanoTime());
                    return attemptNanos.size() < 4
                            ? CompletableFuture.failedFuture(new IllegalStateException("flaky"))
                            : CompletableFuture.completedFuture(null);
                }, P0);
        send(P0, numbered(1), v -> "k");

        awaitCommitted(P0, 1);
        assertThat(attemptNanos).hasSize(4);
        List<Long> backoffs = rig.backoffs().delaysMillis();
        assertThat(backoffs).as("50 ms, doubled, capped at 150 ms").containsExactly(50L, 100L, 150L);
        for (int attempt = 1; attempt < 4; attempt++) {
            assertThat(Duration.ofNanos(attemptNanos.get(attempt) - attemptNanos.get(attempt - 1)))
                    .as("the wait before attempt %d", attempt + 1).isGreaterThanOrEqualTo(Duration.ofMillis(backoffs.get(attempt - 1)));
        }
        assertThat(rig.recovered()).isEmpty();
    }

    /**
     * The failing key's backoff lasts until the test lets it go (an hour, held by the scheduler),
     * and there is one worker, yet the other keys of its partition are handled meanwhile: a
     * retrying key holds up no other key, nor a worker.
     */
    @Test
    void givesUpAfterTheLastAttemptAndOtherKeysKeepFlowing() {
        rig.backoffs().hold();
        Set<String> handledKeys = ConcurrentHashMap.newKeySet();
        AtomicInteger badAttempts = new AtomicInteger();
        start(rig.ordering(Ordering.KEY).concurrency(1).maxInFlight(100).retry(TestSettings.retries(4, Duration.ofHours(1))),
                record -> {
                    if (text(record.key()).equals("bad")) {
                        badAttempts.incrementAndGet();
                        throw new IllegalArgumentException("bad dog");
                    }
                    handledKeys.add(text(record.key()) + record.offset());
                    return CompletableFuture.completedFuture(null);
                }, P0);
        List<String> values = List.of("a", "bad", "b", "c");
        send(P0, values, v -> v);

        await().atMost(Duration.ofSeconds(5)).until(() -> handledKeys.size() == 3);
        assertThat(badAttempts).as("bad still waits out its first backoff of an hour").hasValue(1);
        assertThat(rig.backoffs().delaysMillis()).containsExactly(Duration.ofHours(1).toMillis());

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            rig.backoffs().runHeld(); // the hour is up
            return !rig.recovered().isEmpty();
        });
        awaitCommitted(P0, 4);
        assertThat(badAttempts.get()).isEqualTo(4);
        assertThat(rig.recovered()).singleElement().satisfies(f -> {
            assertThat(f.offset()).isEqualTo(1);
            assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad dog");
        });
    }

    @Test
    void recoversPermanentFailuresWithoutRetry() {
        AtomicInteger attempts = new AtomicInteger();
        start(rig.ordering(Ordering.KEY).concurrency(1).maxInFlight(100), record -> {
            attempts.incrementAndGet();
            throw new UnsupportedOperationException("poison");
        }, P0, failure -> !(failure instanceof UnsupportedOperationException));
        send(P0, numbered(1), v -> "k");

        awaitCommitted(P0, 1);
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(rig.recovered()).hasSize(1);
    }

    @Test
    void revokeFinishesRunningWorkCommitsItAndSkipsWhatHadNotStarted() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Long> handled = new CopyOnWriteArrayList<>();
        start(rig.ordering(Ordering.PARTITION).concurrency(1).maxInFlight(100), record -> {
            firstStarted.countDown();
            if (record.offset() == 0) {
                await(releaseFirst);
            }
            handled.add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, numbered(5), v -> "k");
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(releaseFirst::countDown);
        CountDownLatch revoked = new CountDownLatch(1);
        BrokerConsumer consumer = consumer();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P1));
            revoked.countDown();
        });
        assertThat(revoked.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(handled).containsExactly(0L);
        assertThat(committed(P0)).as("the finished record was committed before the partition went").isEqualTo(1L);
        await().atMost(Duration.ofSeconds(5)).until(() -> container.assignment().equals(Set.of(P1)));
    }

    @Test
    void stopFinishesRunningWorkAndCommits() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<Long> handled = new CopyOnWriteArrayList<>();
        start(rig.ordering(Ordering.NONE).concurrency(1).maxInFlight(100), record -> {
            started.countDown();
            sleep(300);
            handled.add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, numbered(1), v -> "k");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        container.stop();

        assertThat(handled).containsExactly(0L);
        assertThat(committed(P0)).isEqualTo(1L);
        assertThat(container.state()).isEqualTo(ContainerState.STOPPED);
        assertThat(consumer().closed()).isTrue();
    }

    @Test
    void operatorPauseStopsFetchingUntilResume() {
        AtomicInteger handled = new AtomicInteger();
        start(rig.ordering(Ordering.NONE).concurrency(1).maxInFlight(100), record -> {
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        container.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer().paused().contains(P0));
        send(P0, numbered(3), v -> "k");
        consumer().awaitPolls(2); // a poll since the records came, and what the loop did with it
        assertThat(rig.received()).as("records handed to the workers while paused").isZero();
        assertThat(handled.get()).isZero();
        assertThat(container.state()).isEqualTo(ContainerState.PAUSED);

        container.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.get() == 3);
    }

    @Test
    void aKeyMovesOnOnceHandedOffWhileItsOffsetWaitsForTheAcknowledgement() {
        CompletableFuture<Void> firstAcknowledged = new CompletableFuture<>();
        List<Long> started = Collections.synchronizedList(new ArrayList<>());
        startOutcomes(rig.ordering(Ordering.KEY).concurrency(2).maxInFlight(100), record -> {
            started.add(record.offset());
            return record.offset() == 0
                    ? new RecordOutcome(CompletableFuture.completedFuture(null), firstAcknowledged)
                    : RecordOutcome.completed();
        }, new TopicPartition[] {P0}, failure -> true);
        send(P0, numbered(3), v -> "same-key");

        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
        assertThat(started).as("one key, in offset order, not held by the broker's acknowledgement").containsExactly(0L, 1L, 2L);
        consumer().awaitPolls(2); // the loop went round since: it would have committed them
        assertThat(committed(P0)).as("nothing committed past the unacknowledged record").isIn(-1L, 0L);

        firstAcknowledged.complete(null);
        awaitCommitted(P0, 3);
    }

    @Test
    void exactlyOnceCommitsABatchsOutputsWithItsOffsetsInOneTransactionAndNeverCommitsThroughTheConsumer() {
        MockProducer<byte[], byte[]> producer = transactionalProducer();
        TransactionalOutput output = new TransactionalOutput("tx-test", () -> producer);
        startExactlyOnce(output, record -> publish(output, record), failure -> true);
        send(P0, numbered(5), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> committedInTransactions(producer, P0) == 5);
        assertThat(producer.history()).extracting(r -> text(r.value())).containsExactlyInAnyOrder("0", "1", "2", "3", "4");
        assertThat(broker.commits()).as("offsets go only in the transaction").isEmpty();
    }

    @Test
    void exactlyOnceAbortsABatchWhoseOutputWasRefusedHandlesItAgainAndDeadLettersTheRefusedRecord() {
        MockProducer<byte[], byte[]> producer = transactionalProducer();
        TransactionalOutput output = new TransactionalOutput("tx-test", () -> producer);
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        startExactlyOnce(output, record -> {
            calls.computeIfAbsent(text(record.value()), v -> new AtomicInteger()).incrementAndGet();
            if (text(record.value()).equals("2")) { // the broker refuses its output: a topic it may not write
                return CompletableFuture.failedFuture(new OutputPublishException("test", "cats", RecordCoordinates.of(record),
                        new TopicAuthorizationException(Set.of("cats"))));
            }
            return publish(output, record);
        }, failure -> !(failure instanceof OutputPublishException refused && !refused.isRetriable()));
        send(P0, numbered(5), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> committedInTransactions(producer, P0) == 5);
        assertThat(producer.history()).as("each output once: the aborted batch's are gone")
                .extracting(r -> text(r.value())).containsExactlyInAnyOrder("0", "1", "3", "4");
        assertThat(rig.recovered()).singleElement().satisfies(failure -> {
            assertThat(failure.offset()).isEqualTo(2);
            assertThat(failure.cause()).isInstanceOf(OutputPublishException.class).hasMessageContaining("to topic 'cats'");
        });
        assertThat(calls.get("2").get()).as("refused once, then dead-lettered without trying its output again").isEqualTo(1);
        assertThat(calls.get("0").get()).as("the aborted batch was handled again").isEqualTo(2);
        assertThat(broker.commits()).isEmpty();
    }

    @Test
    void aConsumerThatCannotBeMadeFailsTheStartNamingTheHandler() {
        container = rig.ordering(Ordering.KEY).concurrency(1).maxInFlight(100).build(() -> {
            throw new KafkaException("Failed to construct kafka consumer");
        }, record -> RecordOutcome.completed());
        container.start();

        assertThatThrownBy(() -> container.awaitStarted(Duration.ofSeconds(10))).isInstanceOf(KClientException.class)
                .hasMessage("Handler 'test' failed to start: Failed to construct kafka consumer");
        assertThat(container.state()).isEqualTo(ContainerState.FAILED);
    }

    @Test
    void theStartIsOverOnceTheConsumerIsSubscribed() {
        start(rig.ordering(Ordering.KEY).concurrency(1).maxInFlight(100), record -> CompletableFuture.completedFuture(null), P0);

        container.awaitStarted(Duration.ofSeconds(10));
        assertThat(consumer().subscription()).containsExactly(TOPIC);
    }

    /** What the console's recent activity and the autoscaling signal read: every record finished, once, and those that failed. */
    @Test
    void finishedAndFailedRecordsAreCountedOnceEach() {
        start(rig.ordering(Ordering.KEY).concurrency(2).maxInFlight(100).retry(TestSettings.retries(2, Duration.ofMillis(1))),
                record -> text(record.value()).equals("2") ? CompletableFuture.failedFuture(new IllegalStateException("no"))
                        : CompletableFuture.completedFuture(null), P0);
        send(P0, numbered(5), v -> "k" + v);

        awaitCommitted(P0, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> container.activity().completedCount() == 5);
        consumer().awaitPolls(2); // loops that report after the commit, which must count nothing again
        assertThat(container.activity().completedCount()).isEqualTo(5);
        assertThat(container.activity().failedCount()).as("record 2, after its last attempt").isEqualTo(1);
    }

    /** Exactly-once, a poll's lists (three calls of two records here) and their outputs are one transaction with its offsets. */
    @Test
    void exactlyOnceABatchHandlersListsOfAPollAreOneTransaction() {
        MockProducer<byte[], byte[]> producer = transactionalProducer();
        TransactionalOutput output = new TransactionalOutput("tx-test", () -> producer);
        List<List<String>> calls = new CopyOnWriteArrayList<>();
        send(P0, numbered(6), v -> "k" + v); // before the start: the first poll gets them all
        startBatch(rig.exactlyOnce(output).ordering(Ordering.KEY).concurrency(2).batchMaxRecords(2), (records, attempts) -> {
            calls.add(records.stream().map(r -> text(r.value())).toList());
            for (int i = 0; i < records.size(); i++) {
                Attempt attempt = attempts.get(i);
                publish(output, records.get(i)).thenRun(() -> handled(attempt));
            }
            return records.size();
        }, P0);

        await().atMost(Duration.ofSeconds(10)).until(() -> committedInTransactions(producer, P0) == 6);
        assertThat(calls).as("lists of at most two").hasSizeGreaterThanOrEqualTo(3).allSatisfy(call -> assertThat(call).hasSizeBetween(1, 2));
        assertThat(producer.commitCount()).as("one transaction for the poll").isEqualTo(1);
        assertThat(producer.history()).extracting(r -> text(r.value())).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5");
        assertThat(broker.commits()).as("offsets go only in the transaction").isEmpty();
    }

    @Test
    void aBatchHandlerGetsOnePartitionsRecordsInOffsetOrderAtMostBatchMaxRecordsPerCall() {
        List<List<String>> calls = new CopyOnWriteArrayList<>();
        startBatch(rig.ordering(Ordering.KEY).concurrency(2).batchMaxRecords(4), (records, attempts) -> {
            calls.add(records.stream().map(r -> r.partition() + ":" + r.offset()).toList());
            attempts.forEach(HandlerContainerTests::handled);
            return records.size();
        }, P0, P1);
        send(P0, numbered(10), v -> "k" + (Integer.parseInt(v) % 3));
        send(P1, numbered(10), v -> "k" + v);

        awaitCommitted(P0, 10);
        awaitCommitted(P1, 10);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call).hasSizeBetween(1, 4);
            assertThat(call.stream().map(r -> r.split(":")[0]).distinct()).as("one partition per call").hasSize(1);
            assertThat(call.stream().map(r -> Long.parseLong(r.split(":")[1])).toList()).isSorted();
        });
        assertThat(calls.stream().mapToInt(List::size).sum()).isEqualTo(20);
    }

    /**
     * A record a batch handler names failed is retried alone, then dead-lettered; the records of
     * its key after it wait for that, the other keys' records go on in the next call.
     */
    @Test
    void aRecordABatchNamesFailedIsRetriedAloneWhileTheOtherKeysGoOn() {
        List<List<String>> calls = new CopyOnWriteArrayList<>();
        startBatch(rig.ordering(Ordering.KEY).concurrency(1).batchMaxRecords(100), (records, attempts) -> {
            List<String> values = records.stream().map(r -> text(r.value())).toList();
            calls.add(values);
            int bad = values.indexOf("a0");
            for (int i = 0; i < records.size(); i++) {
                if (i == bad) {
                    attempts.get(i).failed(new IllegalStateException("a0 fails"));
                    return i + 1;
                }
                handled(attempts.get(i));
            }
            return records.size();
        }, P0);
        send(P0, List.of("b0", "a0", "c0", "a1", "b1"), v -> v.substring(0, 1));

        awaitCommitted(P0, 5);
        assertThat(calls.get(0)).containsExactly("b0", "a0", "c0", "a1", "b1");
        assertThat(calls.get(1)).as("what the first call did not get to, but a1: its key waits").containsExactly("c0", "b1");
        assertThat(calls.subList(2, 4)).as("a0 alone, its second and third attempts").containsOnly(List.of("a0"));
        assertThat(calls.get(4)).as("a1 after a0 was dead-lettered").containsExactly("a1");
        assertThat(calls).hasSize(5);
        assertThat(rig.recovered()).singleElement().satisfies(f -> assertThat(f.offset()).isEqualTo(1));
    }

    @Test
    void inPartitionOrderABatchRecordThatFailedHoldsThePartition() {
        List<List<String>> calls = new CopyOnWriteArrayList<>();
        startBatch(rig.ordering(Ordering.PARTITION).concurrency(2).batchMaxRecords(100), (records, attempts) -> {
            List<String> values = records.stream().map(r -> text(r.value())).toList();
            calls.add(values);
            if (values.get(0).equals("1") && calls.size() == 2) { // the first retry of 1 fails too
                attempts.get(0).failed(new IllegalStateException("still failing"));
                return 1;
            }
            int bad = calls.size() == 1 ? values.indexOf("1") : -1;
            for (int i = 0; i < records.size(); i++) {
                if (i == bad) {
                    attempts.get(i).failed(new IllegalStateException("1 fails"));
                    return i + 1;
                }
                handled(attempts.get(i));
            }
            return records.size();
        }, P0);
        send(P0, numbered(4), v -> "k" + v);

        awaitCommitted(P0, 4);
        assertThat(calls).containsExactly(List.of("0", "1", "2", "3"), List.of("1"), List.of("1"), List.of("2", "3"));
        assertThat(rig.recovered()).as("the third attempt succeeded").isEmpty();
    }

    // --- harness

    /** A batch handler, given each record's attempt; its elements are the records themselves. */
    @FunctionalInterface
    interface ListHandler {
        int handle(List<ConsumerRecord<byte[], byte[]>> records, List<Attempt> attempts);
    }

    private void startBatch(ContainerRig settings, ListHandler handler, TopicPartition... assigned) {
        container = settings.build(broker.joining(assigned), new BatchRecordHandler() {
            @Override
            public Object element(ConsumerRecord<byte[], byte[]> record) {
                return record;
            }

            @Override
            public int handle(List<ConsumerRecord<byte[], byte[]>> records, List<Object> elements, List<Attempt> attempts) {
                return handler.handle(records, attempts);
            }
        });
        container.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> container.assignment().containsAll(List.of(assigned)));
    }

    private static void handled(Attempt attempt) {
        attempt.handedOff();
        attempt.done();
    }

    private void startExactlyOnce(TransactionalOutput output, StageHandler handler, Predicate<Throwable> retryable) {
        start(rig.exactlyOnce(output).ordering(Ordering.KEY).concurrency(4).maxInFlight(100)
                .retry(RetrySettings.NONE), handler, P0, retryable);
    }

    private static MockProducer<byte[], byte[]> transactionalProducer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends the record's value on as its output, through the current transaction. */
    private static CompletableFuture<Void> publish(TransactionalOutput output, ConsumerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        output.get().send(new ProducerRecord<>("cats", 0, record.key(), record.value()), (metadata, error) -> {
            if (error == null) {
                acknowledged.complete(null);
            } else {
                acknowledged.completeExceptionally(error);
            }
        });
        return acknowledged;
    }

    /** The offset of {@code partition} that the producer's committed transactions carried, or -1. */
    private static long committedInTransactions(MockProducer<byte[], byte[]> producer, TopicPartition partition) {
        return producer.consumerGroupOffsetsHistory().stream()
                .flatMap(byGroup -> byGroup.values().stream())
                .map(offsets -> offsets.get(partition))
                .filter(java.util.Objects::nonNull)
                .mapToLong(OffsetAndMetadata::offset)
                .max().orElse(-1);
    }

    /** Starts a container on P0 and P1 whose handler notes each partition's offsets in the order it handles them. */
    private Map<Integer, List<Long>> startRecordingOffsets(ContainerRig settings) {
        Map<Integer, List<Long>> seen = new ConcurrentHashMap<>();
        start(settings, record -> {
            seen.computeIfAbsent(record.partition(), p -> Collections.synchronizedList(new ArrayList<>())).add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0, P1);
        return seen;
    }

    private void start(ContainerRig settings, StageHandler handler, TopicPartition... assigned) {
        start(settings, handler, assigned, failure -> true);
    }

    private void start(ContainerRig settings, StageHandler handler, TopicPartition assigned, Predicate<Throwable> retryable) {
        start(settings, handler, new TopicPartition[] {assigned}, retryable);
    }

    private void start(ContainerRig settings, StageHandler handler, TopicPartition[] assigned, Predicate<Throwable> retryable) {
        startOutcomes(settings, record -> RecordOutcome.completedWhen(handler.handle(record)), assigned, retryable);
    }

    /** Starts the container and waits until it was assigned {@code assigned}. */
    private void startOutcomes(ContainerRig settings, RecordHandler handler, TopicPartition[] assigned,
            Predicate<Throwable> retryable) {
        container = settings.retryable(retryable).build(broker.joining(assigned), handler);
        container.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> container.assignment().containsAll(List.of(assigned)));
    }

    /** Appends the records to the partition's log at once, as one fetch would bring them. */
    private void send(TopicPartition partition, List<String> values, UnaryOperator<String> keyOf) {
        broker.append(partition, values, keyOf);
    }

    private BrokerConsumer consumer() {
        return broker.latestConsumer();
    }

    private long committed(TopicPartition partition) {
        return broker.committedOffset(partition);
    }

    private void awaitCommitted(TopicPartition partition, long offset) {
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(partition) == offset);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
