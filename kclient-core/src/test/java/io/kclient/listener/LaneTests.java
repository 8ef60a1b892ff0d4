package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.Ordering;
import io.kclient.config.TestSettings;
import io.kclient.observe.HandlerObserver;
import io.kclient.observe.TopicObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How records reach workers through lanes, without a consumer: order per key (or partition), turns
 * that let other lanes in, keys parked while their record has not handed off, lanes split while
 * records block, and what a partition that goes gives up.
 */
class LaneTests {

    private static final TopicPartition DOGS = new TopicPartition("dogs", 0);

    private final BackoffScheduler scheduler = new BackoffScheduler();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<String> recovered = new CopyOnWriteArrayList<>();
    /** What a record's attempt does, by the record's value; by default it hands off and is done at once. */
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private Workers workers;
    private AssignedPartition partition;

    @FunctionalInterface
    interface Behaviour {
        void attempt(Attempt attempt) throws Exception;
    }

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.shutdown();
        }
        scheduler.shutdownNow();
    }

    /**
     * A lane whose records finish at once runs them back to back on its worker, but lets the worker
     * go after {@link LaneTurns#TURN_RECORDS} records: a key with a backlog does not keep the
     * others waiting behind all of it.
     */
    @Test
    void aLaneWithABacklogLetsOtherLanesRunBetweenItsTurns() throws InterruptedException {
        start(Ordering.KEY, 1, 2, Long.MAX_VALUE);
        String busy = keyInLane(0);
        String other = keyInLane(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        behaviours.put(busy + "-0", attempt -> {
            firstRunning.countDown();
            release.await(5, TimeUnit.SECONDS);
            handled(attempt);
        });
        dispatch(0, List.of(busy + "-0"));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        int backlog = 3 * LaneTurns.TURN_RECORDS;
        List<String> values = new ArrayList<>(IntStream.rangeClosed(1, backlog).mapToObj(i -> busy + "-" + i).toList());
        values.add(other + "-0");
        dispatch(1, values);

        release.countDown();
        awaitRan(backlog + 2);

        assertThat(ran.indexOf(other + "-0")).as("the other key ran after one turn of the busy one")
                .isEqualTo(LaneTurns.TURN_RECORDS);
        assertThat(ran.stream().filter(name -> name.startsWith(busy)).toList()).as("the busy key kept its order")
                .containsExactlyElementsOf(IntStream.rangeClosed(0, backlog).mapToObj(i -> busy + "-" + i).toList());
    }

    /**
     * With no other lane waiting, a lane's backlog runs in one turn on one worker: going back to
     * the workers after {@link LaneTurns#TURN_RECORDS} records would only hand it to another one.
     */
    @Test
    void aLaneWithABacklogAndNoOtherLaneWaitingKeepsItsWorker() {
        start(Ordering.PARTITION, 2, 1, Long.MAX_VALUE);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        int backlog = 3 * LaneTurns.TURN_RECORDS;
        List<String> values = IntStream.range(0, backlog).mapToObj(i -> "k-" + i).toList();
        values.forEach(value -> behaviours.put(value, attempt -> {
            threads.add(Thread.currentThread().getName());
            handled(attempt);
        }));
        dispatch(0, values);

        awaitRan(backlog);
        assertThat(threads).as("workers that ran the lane").hasSize(1);
    }

    /**
     * A lane's turn that goes on (no other lane waits) still reports how long its records take: once
     * they block, the lane splits, and its keys run on several workers instead of one after another
     * on the turn's worker.
     */
    @Test
    void aTurnThatGoesOnStillSplitsItsLaneOnceRecordsBlock() {
        start(Ordering.KEY, 4, 1, 500_000); // one lane; records taking 0.5 ms or more on average block
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int backlog = 3 * LaneTurns.TURN_RECORDS;
        List<String> values = IntStream.range(0, backlog).mapToObj(i -> "k" + i % 16 + "-" + i).toList();
        values.forEach(value -> behaviours.put(value, attempt -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(2);
            running.decrementAndGet();
            handled(attempt);
        }));
        dispatch(0, values);

        awaitRan(backlog);
        assertThat(most.get()).as("records that ran at once").isGreaterThan(1);
    }

    /** A record whose attempt has not handed off (an asynchronous handler, a retry) holds its key, not the worker nor the lane. */
    @Test
    void theNextRecordOfAKeyWaitsForOneNotHandedOffWhileTheLanesOtherKeysRun() {
        start(Ordering.KEY, 1, 1, Long.MAX_VALUE);
        CompletableFuture<Attempt> pending = new CompletableFuture<>();
        behaviours.put("a-0", pending::complete);

        dispatch(0, List.of("a-0", "a-1", "b-2"));
        awaitRan(2);
        assertThat(ran).containsExactly("a-0", "b-2");
        assertThat(lane().hasParked()).isTrue();

        handled(pending.join());
        awaitRan(3);
        assertThat(ran).containsExactly("a-0", "b-2", "a-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> !lane().hasParked());
    }

    /** Records of a key parked across polls keep their order: those of later polls wait behind the parked ones. */
    @Test
    void aParkedKeysRecordsOfLaterPollsWaitBehindItsEarlierOnes() {
        start(Ordering.KEY, 2, 1, Long.MAX_VALUE);
        CompletableFuture<Attempt> pending = new CompletableFuture<>();
        behaviours.put("a-0", pending::complete);
        dispatch(0, List.of("a-0", "a-1", "b-2"));
        awaitRan(2);
        dispatch(3, List.of("a-3", "b-4", "a-5"));
        awaitRan(3);

        handled(pending.join());
        awaitRan(6);
        assertThat(ran.stream().filter(name -> name.startsWith("a")).toList()).containsExactly("a-0", "a-1", "a-3", "a-5");
    }

    /** In {@code PARTITION} order a record not handed off holds every later record of the partition. */
    @Test
    void inPartitionOrderARecordNotHandedOffHoldsThePartition() {
        start(Ordering.PARTITION, 2, 1, Long.MAX_VALUE);
        CompletableFuture<Attempt> pending = new CompletableFuture<>();
        behaviours.put("a-0", pending::complete);

        dispatch(0, List.of("a-0", "b-1", "c-2"));
        Attempt first = pending.join();
        dispatch(3, List.of("d-3"));
        assertThat(ran).containsExactly("a-0");

        handled(first);
        awaitRan(4);
        assertThat(ran).containsExactly("a-0", "b-1", "c-2", "d-3");
    }

    /**
     * While records block, each leaves the rest of its lane to another worker: a key that blocks
     * holds only its own later records, not the other keys of its lane.
     */
    @Test
    void whileRecordsBlockABlockingKeyHoldsOnlyItsOwnRecords() throws InterruptedException {
        start(Ordering.KEY, 2, 1, 0); // one lane: every key shares it; records always count as blocking
        CountDownLatch release = new CountDownLatch(1);
        behaviours.put("slow-0", attempt -> {
            release.await(5, TimeUnit.SECONDS);
            handled(attempt);
        });

        dispatch(0, List.of("slow-0", "fast-1", "slow-2", "fast-3", "fast-4"));
        awaitRan(4);
        assertThat(ran).as("the fast key's records ran while the slow one blocked, its next record waiting")
                .containsExactlyInAnyOrder("slow-0", "fast-1", "fast-3", "fast-4");

        release.countDown();
        awaitRan(5);
        assertThat(ran.get(4)).isEqualTo("slow-2");
    }

    /**
     * Where records do not block as a rule, one that does (a call that hangs) holds the keys of its
     * lane only until the poll thread sees its worker stuck: the lane is then taken over, the
     * stuck key parked, and the rest, the segment the stuck worker held included, runs elsewhere.
     */
    @Test
    void aWorkerStuckInARecordHasItsLaneTakenOverWithTheStuckKeyParked() throws InterruptedException {
        start(Ordering.KEY, 2, 1, Long.MAX_VALUE);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        behaviours.put("slow-0", attempt -> {
            stuck.countDown();
            release.await(10, TimeUnit.SECONDS);
            handled(attempt);
        });
        dispatch(0, List.of("slow-0", "fast-1", "slow-2", "other-3"));
        assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();
        dispatch(4, List.of("fast-4"));
        assertThat(ran).containsExactly("slow-0");

        lane().lookForStuck();
        lane().lookForStuck(); // the same record at two looks: stuck

        awaitRan(4);
        assertThat(ran).containsExactly("slow-0", "fast-1", "other-3", "fast-4");
        release.countDown();
        awaitRan(5);
        assertThat(ran.get(4)).as("the stuck key's next record waited for it").isEqualTo("slow-2");
    }

    /**
     * A record without a key to park proves nothing about where its worker is (it may be past it,
     * on the lane's next records): its lane is not taken over, whatever the looks see, and no
     * record is lost or run twice.
     */
    @Test
    void aLaneIsNotTakenOverFromARecordWithoutAKeyToPark() throws InterruptedException {
        start(Ordering.NONE, 2, 1, Long.MAX_VALUE);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        behaviours.put("slow-0", attempt -> {
            stuck.countDown();
            release.await(10, TimeUnit.SECONDS);
            handled(attempt);
        });
        PollBatch batch = dispatch(0, List.of("slow-0", "a-1", "b-2"));
        assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();

        int turn = lane().turn();
        lane().lookForStuck();
        lane().lookForStuck();
        assertThat(lane().turn()).as("no new turn beside the stuck worker's").isEqualTo(turn);
        assertThat(ran).containsExactly("slow-0");

        release.countDown();
        awaitRan(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> batch.remaining() == 0);
        assertThat(ran).containsExactly("slow-0", "a-1", "b-2");
    }

    /**
     * A partition that goes gives up at once what waits in its lanes (queued, or behind a parked
     * key) and what waits for a retry's backoff; only records actually running are waited for.
     */
    @Test
    void aReleasedPartitionGivesUpWhatWaitsAndWaitsOnlyForWhatRuns() {
        start(Ordering.KEY, 1, 1, Long.MAX_VALUE, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Attempt> pending = new CompletableFuture<>();
        behaviours.put("a-0", pending::complete); // parks a: a-2 waits behind it
        behaviours.put("b-1", attempt -> attempt.failed(new IllegalStateException("down"))); // waits for its backoff
        behaviours.put("c-5", attempt -> { // running when the partition goes
            release.await(5, TimeUnit.SECONDS);
            handled(attempt);
        });
        PollBatch batch = dispatch(0, List.of("a-0", "b-1", "a-2", "d-3", "e-4", "c-5"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("c-5"));
        PollBatch next = dispatch(6, List.of("f-6", "g-7"));

        partition.release();

        assertThat(batch.remaining()).as("a-0 and c-5 still run; a-2 and b-1's retry were given up").isEqualTo(2);
        assertThat(next.remaining()).as("queued behind the running record: given up").isZero();
        release.countDown();
        handled(pending.join());
        await().atMost(Duration.ofSeconds(5)).until(() -> batch.remaining() == 0);
        assertThat(batch.isDone(5)).isTrue();
        assertThat(ran).doesNotContain("a-2", "f-6", "g-7").containsOnlyOnce("b-1");
        assertThat(recovered).as("given up, not dead-lettered: the next owner handles it").isEmpty();
    }

    /** An {@code Error} from around the handler (an interceptor, a validator) fails the record; it is not lost. */
    @Test
    void anErrorFailsTheRecordWhichIsThenRecovered() {
        start(Ordering.KEY, 1, 1, Long.MAX_VALUE);
        behaviours.put("a-0", attempt -> {
            throw new NoClassDefFoundError("a validator's dependency");
        });

        PollBatch batch = dispatch(0, List.of("a-0", "a-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> batch.remaining() == 0);
        assertThat(recovered).containsExactly("a-0");
        assertThat(batch.isDone(0)).isTrue();
        assertThat(ran).endsWith("a-1");
    }

    // --- harness

    private void start(Ordering ordering, int concurrency, int lanes, long splitAboveNanos) {
        start(ordering, concurrency, lanes, splitAboveNanos, Duration.ofMillis(20));
    }

    private void start(Ordering ordering, int concurrency, int lanes, long splitAboveNanos, Duration backoff) {
        workers = new Workers(concurrency, new WorkerThreads("lane-test-"), splitAboveNanos);
        Handling handling = new Handling((record, attempt) -> {
            String value = text(record.value());
            ran.add(value);
            Behaviour behaviour = behaviours.getOrDefault(value, LaneTests::handled);
            try {
                behaviour.attempt(attempt);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, TestSettings.retries(2, backoff), failure -> true, (record, failure) -> {
            recovered.add(text(record.value()));
            return CompletableFuture.completedFuture(null);
        }, scheduler, workers, new HandlerActivity("test", HandlerObserver.NONE), null);
        LaneTurns turns = new RecordTurns(workers, handling, ordering);
        partition = new AssignedPartition(DOGS, TopicObserver.NONE, DoneOffsets.NONE, false, new Lanes(turns, ordering, lanes),
                () -> { });
    }

    private static void handled(Attempt attempt) {
        attempt.handedOff();
        attempt.done();
    }

    /** Dispatches values {@code key-n} as records from {@code firstOffset} on, keyed by what precedes the dash. */
    private PollBatch dispatch(long firstOffset, List<String> values) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long offset = firstOffset;
        for (String value : values) {
            records.add(new ConsumerRecord<>(DOGS.topic(), DOGS.partition(), offset++, bytes(value.split("-")[0]), bytes(value)));
        }
        PollBatch batch = new PollBatch(partition, records, records.size(), 0);
        partition.held.add(batch);
        List<Lane> ready = new ArrayList<>();
        partition.lanes.dispatch(batch, records.size(), ready);
        if (!ready.isEmpty()) {
            workers.submit(ready);
        }
        return batch;
    }

    /** A key whose records go to lane {@code lane} of two. */
    private String keyInLane(int lane) {
        for (int i = 0; ; i++) {
            String key = "key" + i;
            List<ConsumerRecord<byte[], byte[]>> one = List.of(new ConsumerRecord<>(DOGS.topic(), 0, 0, bytes(key), bytes(key)));
            if (partition.lanes.laneOf(new PollBatch(partition, one, 1, 0), 0) == lane) {
                return key;
            }
        }
    }

    private Lane lane() {
        return partition.lanes.lane(0);
    }

    private void awaitRan(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() >= count);
        assertThat(ran).hasSize(count);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
