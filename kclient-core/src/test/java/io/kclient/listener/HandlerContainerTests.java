package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kclient.KClientException;
import io.kclient.Ordering;
import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.config.HandlerDefaults;
import io.kclient.config.HandlerDefaults.ResolvedSettings;
import io.kclient.config.RetrySettings;
import io.kclient.observe.HandlerObserver;
import io.kclient.producer.TransactionalOutput;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container's promises, driven through a {@link MockConsumer}: no broker. */
class HandlerContainerTests {

    private static final String TOPIC = "dogs";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    /** Every record sent, per partition: the log a seek reads again. */
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new ConcurrentHashMap<>();
    /** Offsets the mock returned, and so no longer holds. */
    private final Map<TopicPartition, Set<Long>> returned = new ConcurrentHashMap<>();
    /** What was committed, kept after the consumer is closed (a MockConsumer forgets it then). */
    private final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();
    /** The latest commit of each partition, metadata included. */
    private final Map<TopicPartition, OffsetAndMetadata> lastCommits = new ConcurrentHashMap<>();
    /** Commits with metadata the mock refused, as a broker with a low {@code offset.metadata.max.bytes} would. */
    private final AtomicInteger refusedForMetadata = new AtomicInteger();
    private volatile boolean refuseMetadata;
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (refuses(offsets)) {
                throw new OffsetMetadataTooLarge("metadata too large");
            }
            super.commitSync(offsets);
            offsets.forEach((tp, offset) -> commits.merge(tp, offset.offset(), Math::max));
            lastCommits.putAll(offsets);
        }

        @Override
        public synchronized org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            var records = super.poll(timeout);
            records.forEach(r -> returned.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
                    p -> ConcurrentHashMap.newKeySet()).add(r.offset()));
            return records;
        }

        /** A real consumer fetches a partition again after a seek; the mock forgets what it returned. */
        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            super.seek(partition, offset);
            Set<Long> gone = returned.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet());
            log.getOrDefault(partition, List.of()).stream()
                    .filter(r -> r.offset() >= offset && gone.remove(r.offset()))
                    .forEach(super::addRecord);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                org.apache.kafka.clients.consumer.OffsetCommitCallback callback) {
            if (refuses(offsets)) {
                callback.onComplete(offsets, new OffsetMetadataTooLarge("metadata too large"));
                return;
            }
            super.commitAsync(offsets, callback);
            offsets.forEach((tp, offset) -> commits.merge(tp, offset.offset(), Math::max));
            lastCommits.putAll(offsets);
        }

        private boolean refuses(Map<TopicPartition, OffsetAndMetadata> offsets) {
            boolean refused = refuseMetadata && offsets.values().stream().anyMatch(offset -> !offset.metadata().isEmpty());
            if (refused) {
                refusedForMetadata.incrementAndGet();
            }
            return refused;
        }
    };
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    /** Records the observer heard skipped, since an earlier commit named them done. */
    private final AtomicInteger skipped = new AtomicInteger();
    private final HandlerObserver observer = new HandlerObserver() {
        @Override
        public void skipped(String handlerId, String topic) {
            skipped.incrementAndGet();
        }
    };
    private final List<Failure> recovered = new CopyOnWriteArrayList<>();
    private HandlerContainer container;

    /** A handler whose lane waits for the record to be done, as before hand-off existed. */
    @FunctionalInterface
    interface StageHandler {
        CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record);
    }

    record Failure(long offset, Throwable cause) {
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
        scheduler.shutdownNow();
    }

    @Test
    void keepsEachKeysOrderWhileKeysRunInParallel() {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        start(settings(Ordering.KEY, 8, 10_000), record -> {
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
        send(P0, 0, values, v -> v.split(":")[0]);

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.values().stream().mapToInt(List::size).sum() == keys * perKey);
        for (List<Integer> sequence : seen.values()) {
            assertThat(sequence).isSorted().hasSize(perKey);
        }
        assertThat(maxRunning.get()).as("different keys ran in parallel on one partition").isGreaterThan(1);
        awaitCommitted(P0, keys * perKey);
    }

    @Test
    void partitionOrderingRunsOnePartitionAtATime() {
        Map<Integer, List<Long>> seen = new ConcurrentHashMap<>();
        start(settings(Ordering.PARTITION, 4, 10_000), record -> {
            seen.computeIfAbsent(record.partition(), p -> Collections.synchronizedList(new ArrayList<>())).add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0, P1);
        send(P0, 0, numbered(50), v -> "k" + v);
        send(P1, 0, numbered(50), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.values().stream().mapToInt(List::size).sum() == 100);
        assertThat(seen.get(0)).isSorted();
        assertThat(seen.get(1)).isSorted();
    }

    @Test
    void neverCommitsPastAnUnfinishedRecord() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        start(settings(Ordering.NONE, 4, 10_000), record -> {
            if (record.offset() == 0) {
                awaitLatch(releaseFirst);
            }
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, numbered(10), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 9);
        Thread.sleep(700); // longer than the commit interval: a commit would have happened by now
        assertThat(committed(P0)).as("nothing committed while offset 0 runs").isIn(-1L, 0L);

        releaseFirst.countDown();
        awaitCommitted(P0, 10);
    }

    @Test
    void whileASlowRecordHoldsTheOffsetCommitsNameTheRecordsDoneBehindIt() {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        start(settings(Ordering.NONE, 4, 10_000), record -> {
            if (record.offset() == 0) {
                awaitLatch(releaseFirst);
            }
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, numbered(10), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> DoneOffsets.of(lastCommits.get(P0)).count() == 9);
        assertThat(lastCommits.get(P0).offset()).as("still below the slow record").isZero();
        DoneOffsets named = DoneOffsets.of(lastCommits.get(P0));
        assertThat(LongStream.range(0, 10).filter(named::contains).toArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);

        releaseFirst.countDown();
        awaitCommitted(P0, 10);
        assertThat(lastCommits.get(P0).metadata()).as("nothing done above the offset: nothing to name").isEmpty();
    }

    @Test
    void aBrokerThatRefusesTheDoneRecordsInCommitsGetsOffsetsAlone() {
        refuseMetadata = true;
        CountDownLatch releaseFirst = new CountDownLatch(1);
        start(settings(Ordering.NONE, 2, 10_000), record -> {
            if (record.offset() == 0) {
                awaitLatch(releaseFirst);
            } else {
                sleep(400); // the others finish over 3.6 s: without the fall-back, a commit each second names more
            }
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, numbered(10), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> refusedForMetadata.get() > 0);
        sleep(4000);
        releaseFirst.countDown();

        awaitCommitted(P0, 10);
        assertThat(refusedForMetadata).as("refused once, then offsets alone").hasValue(1);
    }

    @Test
    void recordsTheLastCommitNamedDoneAreNotHandledAgain() {
        BitSet doneBefore = new BitSet();
        doneBefore.set(1);
        doneBefore.set(3);
        doneBefore.set(4);
        // on the poll thread, once subscribed: a MockConsumer forgets its commits when it subscribes
        consumer.schedulePollTask(() -> consumer.commitSync(Map.of(P0, DoneOffsets.of(0, doneBefore).commit())));
        List<Long> handled = new CopyOnWriteArrayList<>();
        start(settings(Ordering.KEY, 2, 100), record -> {
            handled.add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, numbered(6), v -> "k" + v);

        awaitCommitted(P0, 6);
        assertThat(handled).containsExactlyInAnyOrder(0L, 2L, 5L);
        assertThat(skipped).as("the observer hears of each record not handled again").hasValue(3);
    }

    @Test
    void asynchronousCompletionHoldsTheOffsetUntilItCompletes() throws Exception {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        start(settings(Ordering.KEY, 2, 100), record ->
                record.offset() == 1 ? pending : CompletableFuture.completedFuture(null), P0);
        send(P0, 0, numbered(3), v -> "k" + v);

        Thread.sleep(700);
        assertThat(committed(P0)).isIn(-1L, 1L);
        pending.complete(null);
        awaitCommitted(P0, 3);
    }

    @Test
    void pausesPastMaxInFlightAndResumesBelowIt() {
        pausesWhenFullAndResumes(settings(Ordering.NONE, 2, 10), numbered(100), 10);
    }

    @Test
    void pausesPastMaxInFlightBytesAndResumesBelowThem() {
        List<String> nineBytes = numbered(100).stream().map(v -> "%09d".formatted(Integer.parseInt(v))).toList();
        // 10 bytes a record with its key "k": the fifth reaches the bound of 50
        pausesWhenFullAndResumes(settings(Ordering.NONE, 2, 100, 50), nineBytes, 5);
    }

    /**
     * Blocks the handler, sends {@code values} to P0 with key "k", and checks that the consumer
     * paused with exactly {@code taken} records taken, then resumed and committed them all once
     * the handler was let go.
     */
    private void pausesWhenFullAndResumes(ResolvedSettings settings, List<String> values, int taken) {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        start(settings, record -> {
            awaitLatch(release);
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, values, v -> "k");

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(P0));
        assertThat(container.inFlight()).as("the rest of the poll was left for later").isEqualTo(taken);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == values.size());
        assertThat(consumer.paused()).isEmpty();
        awaitCommitted(P0, values.size());
    }

    @Test
    void aRecordLargerThanTheByteBoundStillRuns() {
        List<String> handled = new CopyOnWriteArrayList<>();
        start(settings(Ordering.NONE, 2, 100, 50), record -> {
            handled.add(text(record.value()));
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, List.of("x".repeat(200), "small"), v -> "k");

        awaitCommitted(P0, 2);
        assertThat(handled).containsExactlyInAnyOrder("x".repeat(200), "small");
    }

    @Test
    void retriesWithBackoffThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        start(settings(Ordering.KEY, 1, 100, new RetrySettings(3, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1))),
                record -> attempts.incrementAndGet() < 3
                        ? CompletableFuture.failedFuture(new IllegalStateException("flaky"))
                        : CompletableFuture.completedFuture(null), P0);
        send(P0, 0, numbered(1), v -> "k");

        awaitCommitted(P0, 1);
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(recovered).isEmpty();
    }

    @Test
    void givesUpAfterTheLastAttemptAndOtherKeysKeepFlowing() {
        Set<String> handledKeys = ConcurrentHashMap.newKeySet();
        AtomicInteger badAttempts = new AtomicInteger();
        start(settings(Ordering.KEY, 2, 100, new RetrySettings(4, Duration.ofMillis(100), 1.0, Duration.ofMillis(100))),
                record -> {
                    if (text(record.key()).equals("bad")) {
                        badAttempts.incrementAndGet();
                        throw new IllegalArgumentException("bad dog");
                    }
                    handledKeys.add(text(record.key()) + record.offset());
                    return CompletableFuture.completedFuture(null);
                }, P0);
        List<String> values = List.of("a", "bad", "b", "c");
        send(P0, 0, values, v -> v);

        await().atMost(Duration.ofSeconds(1)).until(() -> handledKeys.size() == 3); // not held by bad's backoff
        awaitCommitted(P0, 4);
        assertThat(badAttempts.get()).isEqualTo(4);
        assertThat(recovered).singleElement().satisfies(f -> {
            assertThat(f.offset()).isEqualTo(1);
            assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad dog");
        });
    }

    @Test
    void recoversPermanentFailuresWithoutRetry() {
        AtomicInteger attempts = new AtomicInteger();
        start(settings(Ordering.KEY, 1, 100), record -> {
            attempts.incrementAndGet();
            throw new UnsupportedOperationException("poison");
        }, P0, failure -> !(failure instanceof UnsupportedOperationException));
        send(P0, 0, numbered(1), v -> "k");

        awaitCommitted(P0, 1);
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(recovered).hasSize(1);
    }

    @Test
    void revokeFinishesRunningWorkCommitsItAndSkipsWhatHadNotStarted() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Long> handled = new CopyOnWriteArrayList<>();
        start(settings(Ordering.PARTITION, 1, 100), record -> {
            firstStarted.countDown();
            if (record.offset() == 0) {
                awaitLatch(releaseFirst);
            }
            handled.add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, numbered(5), v -> "k");
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

        scheduler.schedule(releaseFirst::countDown, 200, TimeUnit.MILLISECONDS);
        CountDownLatch revoked = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P1, 0L));
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
        start(settings(Ordering.NONE, 1, 100), record -> {
            started.countDown();
            sleep(300);
            handled.add(record.offset());
            return CompletableFuture.completedFuture(null);
        }, P0);
        send(P0, 0, numbered(1), v -> "k");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        container.stop();

        assertThat(handled).containsExactly(0L);
        assertThat(committed(P0)).isEqualTo(1L);
        assertThat(container.state()).isEqualTo(ContainerState.STOPPED);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void operatorPauseStopsFetchingUntilResume() {
        AtomicInteger handled = new AtomicInteger();
        start(settings(Ordering.NONE, 1, 100), record -> {
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, P0);
        container.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().contains(P0));
        send(P0, 0, numbered(3), v -> "k");
        sleep(300);
        assertThat(handled.get()).isZero();
        assertThat(container.state()).isEqualTo(ContainerState.PAUSED);

        container.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.get() == 3);
    }

    @Test
    void aKeyMovesOnOnceHandedOffWhileItsOffsetWaitsForTheAcknowledgement() throws Exception {
        CompletableFuture<Void> firstAcknowledged = new CompletableFuture<>();
        List<Long> started = Collections.synchronizedList(new ArrayList<>());
        startOutcomes(settings(Ordering.KEY, 2, 100), record -> {
            started.add(record.offset());
            return record.offset() == 0
                    ? new RecordOutcome(CompletableFuture.completedFuture(null), firstAcknowledged)
                    : RecordOutcome.completed();
        }, new TopicPartition[] {P0}, failure -> true);
        send(P0, 0, numbered(3), v -> "same-key");

        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
        assertThat(started).as("one key, in offset order, not held by the broker's acknowledgement").containsExactly(0L, 1L, 2L);
        Thread.sleep(300);
        assertThat(committed(P0)).as("nothing committed past the unacknowledged record").isIn(-1L, 0L);

        firstAcknowledged.complete(null);
        awaitCommitted(P0, 3);
    }

    @Test
    void exactlyOnceCommitsABatchsOutputsWithItsOffsetsInOneTransactionAndNeverCommitsThroughTheConsumer() {
        MockProducer<byte[], byte[]> producer = transactionalProducer();
        TransactionalOutput output = new TransactionalOutput("tx-test", () -> producer);
        startExactlyOnce(output, record -> publish(output, record), failure -> true);
        send(P0, 0, numbered(5), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> committedInTransactions(producer, P0) == 5);
        assertThat(producer.history()).extracting(r -> text(r.value())).containsExactlyInAnyOrder("0", "1", "2", "3", "4");
        assertThat(commits).as("offsets go only in the transaction").isEmpty();
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
        send(P0, 0, numbered(5), v -> "k" + v);

        await().atMost(Duration.ofSeconds(10)).until(() -> committedInTransactions(producer, P0) == 5);
        assertThat(producer.history()).as("each output once: the aborted batch's are gone")
                .extracting(r -> text(r.value())).containsExactlyInAnyOrder("0", "1", "3", "4");
        assertThat(recovered).singleElement().satisfies(failure -> {
            assertThat(failure.offset()).isEqualTo(2);
            assertThat(failure.cause()).isInstanceOf(OutputPublishException.class).hasMessageContaining("to topic 'cats'");
        });
        assertThat(calls.get("2").get()).as("refused once, then dead-lettered without trying its output again").isEqualTo(1);
        assertThat(calls.get("0").get()).as("the aborted batch was handled again").isEqualTo(2);
        assertThat(commits).isEmpty();
    }

    @Test
    void aConsumerThatCannotBeMadeFailsTheStartNamingTheHandler() {
        container = new HandlerContainer("dogs", new Subscription(List.of(TOPIC), null), settings(Ordering.KEY, 1, 100), () -> {
            throw new KafkaException("Failed to construct kafka consumer");
        }, record -> RecordOutcome.completedWhen(CompletableFuture.completedFuture(null)), failure -> true, recorder(), scheduler);
        container.start();

        assertThatThrownBy(() -> container.awaitStarted(Duration.ofSeconds(10))).isInstanceOf(KClientException.class)
                .hasMessage("Handler 'dogs' failed to start: Failed to construct kafka consumer");
        assertThat(container.state()).isEqualTo(ContainerState.FAILED);
    }

    @Test
    void theStartIsOverOnceTheConsumerIsSubscribed() {
        start(settings(Ordering.KEY, 1, 100), record -> CompletableFuture.completedFuture(null), P0);

        container.awaitStarted(Duration.ofSeconds(10));
        assertThat(consumer.subscription()).containsExactly(TOPIC);
    }

    // --- harness

    private void startExactlyOnce(TransactionalOutput output, StageHandler handler, java.util.function.Predicate<Throwable> retryable) {
        ResolvedSettings settings = settings(Ordering.KEY, 4, 100, new RetrySettings(1, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)));
        container = new HandlerContainer("test", new Subscription(List.of(TOPIC), null), settings, () -> consumer,
                record -> RecordOutcome.completedWhen(handler.handle(record)), retryable, recorder(), scheduler, output,
                new HandlerActivity("test", HandlerObserver.NONE));
        assign(P0);
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

    private void start(ResolvedSettings settings, StageHandler handler, TopicPartition... assigned) {
        start(settings, handler, assigned, failure -> true);
    }

    private void start(ResolvedSettings settings, StageHandler handler, TopicPartition assigned,
            java.util.function.Predicate<Throwable> retryable) {
        start(settings, handler, new TopicPartition[] {assigned}, retryable);
    }

    private void start(ResolvedSettings settings, StageHandler handler, TopicPartition[] assigned,
            java.util.function.Predicate<Throwable> retryable) {
        startOutcomes(settings, record -> RecordOutcome.completedWhen(handler.handle(record)), assigned, retryable);
    }

    private void startOutcomes(ResolvedSettings settings, RecordHandler handler, TopicPartition[] assigned,
            java.util.function.Predicate<Throwable> retryable) {
        container = new HandlerContainer("test", new Subscription(List.of(TOPIC), null), settings, () -> consumer,
                handler, retryable, recorder(), scheduler, null, new HandlerActivity("test", observer));
        assign(assigned);
    }

    /** A recoverer that only remembers what it was given. */
    private Recoverer recorder() {
        return (record, failure) -> {
            recovered.add(new Failure(record.offset(), failure));
            return CompletableFuture.completedFuture(null);
        };
    }

    /** Starts the container and waits until the mock has assigned it {@code assigned}. */
    private void assign(TopicPartition... assigned) {
        CountDownLatch assignedLatch = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            Map<TopicPartition, Long> beginnings = new java.util.HashMap<>();
            for (TopicPartition tp : assigned) {
                beginnings.put(tp, 0L);
            }
            consumer.updateBeginningOffsets(beginnings);
            consumer.rebalance(List.of(assigned));
            assignedLatch.countDown();
        });
        container.start();
        awaitLatch(assignedLatch);
    }

    private static ResolvedSettings settings(Ordering ordering, int concurrency, int maxInFlight) {
        return settings(ordering, concurrency, maxInFlight, HandlerDefaults.DEFAULT_MAX_IN_FLIGHT_BYTES);
    }

    private static ResolvedSettings settings(Ordering ordering, int concurrency, int maxInFlight, long maxInFlightBytes) {
        return new ResolvedSettings("group", concurrency, ordering, maxInFlight, maxInFlightBytes,
                new RetrySettings(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)), null, ".DLT", Duration.ofSeconds(5));
    }

    private static ResolvedSettings settings(Ordering ordering, int concurrency, int maxInFlight, RetrySettings retry) {
        return new ResolvedSettings("group", concurrency, ordering, maxInFlight, HandlerDefaults.DEFAULT_MAX_IN_FLIGHT_BYTES, retry,
                null, ".DLT", Duration.ofSeconds(5));
    }

    /** Adds the records on the poll thread, all at once, as one fetch would bring them. */
    private void send(TopicPartition partition, long firstOffset, List<String> values, java.util.function.UnaryOperator<String> keyOf) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        long offset = firstOffset;
        for (String value : values) {
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(partition.topic(), partition.partition(), offset++,
                    bytes(keyOf.apply(value)), bytes(value));
            log.computeIfAbsent(partition, p -> new CopyOnWriteArrayList<>()).add(record);
            batch.add(record);
        }
        consumer.schedulePollTask(() -> batch.forEach(consumer::addRecord));
    }

    private static List<String> numbered(int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(Integer.toString(i));
        }
        return values;
    }

    private long committed(TopicPartition partition) {
        return commits.getOrDefault(partition, -1L);
    }

    private void awaitCommitted(TopicPartition partition, long offset) {
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(partition) == offset);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
