package io.kclient.listener;

import io.kclient.Delivery;
import io.kclient.config.HandlerSettings;
import io.kclient.observe.HandlerObserver;
import io.kclient.producer.TransactionalOutput;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler: a consumer whose poll loop owns its own thread, and {@code concurrency}
 * workers fed by an {@link OrderedDispatcher}. At-least-once: an offset is committed only when
 * every record below it is done; periodically, on revoke and on stop.
 *
 * <p>Exactly-once (given a {@link TransactionalOutput}): each poll batch runs in one transaction;
 * the poll thread waits for the whole batch, then commits its outputs, dead letters and offsets
 * together, or aborts and reads the batch again. Records of a batch still run in parallel, in
 * the ordering mode's lanes; the next batch waits for the slowest record of this one.
 *
 * <p>A record of a retry topic that is not due yet is read again later: its partition is paused
 * until then (see {@link DueTimeGate}), and the other partitions flow on.
 *
 * <p>Longer than a class should be: the poll loop, flow control, commits, rebalances and
 * transactions still share its {@code PollSession}. "Engine v2" (issue 18) makes them a loop
 * template and classes of their own.
 */
public final class HandlerContainer extends PollingContainer {

    private static final Logger log = LoggerFactory.getLogger(HandlerContainer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /**
     * While paused for backpressure, poll often: a commit's answer is seen only when poll returns,
     * and each commit frees room in the in-flight window. Every millisecond here is a millisecond
     * in which a full window cannot move (at max-in-flight 1000, 5 ms cost a quarter to a third of the
     * throughput).
     */
    private static final Duration BACKPRESSURE_POLL_TIMEOUT = Duration.ofMillis(1);
    private static final CompletionStage<?> NOTHING = CompletableFuture.completedFuture(null);

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final RecordHandler handler;
    private final Predicate<Throwable> retryable;
    private final Recoverer recoverer;
    private final ScheduledExecutorService scheduler;
    private final TransactionalBatch transactions;

    /** The latest run's session: what {@link #assignment()} and {@link #inFlight()} show. */
    private volatile PollSession session;

    /**
     * @param id the handler id, naming threads, logs and metrics
     * @param subscription the topics to consume
     * @param settings group, concurrency, ordering, bounds and retries
     * @param consumerFactory a new consumer for each start (a {@code MockConsumer} in tests)
     * @param handler the handler, run on the workers
     * @param retryable which failures are worth another attempt
     * @param recoverer what becomes of a record after its last attempt
     * @param scheduler where retry backoffs wait (shared, holds no worker)
     */
    public HandlerContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, RecordHandler handler, Predicate<Throwable> retryable,
            Recoverer recoverer, ScheduledExecutorService scheduler) {
        this(id, subscription, settings, consumerFactory, handler, retryable, recoverer, scheduler, null,
                new HandlerActivity(id, HandlerObserver.NONE));
    }

    /**
     * As the other constructor; with {@code transactions} set the handler is exactly-once: its
     * output must be sent through that producer, and its consumer must read committed records only.
     * {@code activity} hears each record's events and keeps what the handler's status shows.
     */
    public HandlerContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, RecordHandler handler, Predicate<Throwable> retryable,
            Recoverer recoverer, ScheduledExecutorService scheduler, TransactionalOutput transactions,
            HandlerActivity activity) {
        super(id, subscription, settings, activity);
        this.transactions = transactions != null ? new TransactionalBatch(transactions) : null;
        this.consumerFactory = consumerFactory;
        this.handler = handler;
        this.retryable = retryable;
        this.recoverer = recoverer;
        this.scheduler = scheduler;
    }

    /** Exactly-once when the container runs each batch in a transaction, else at-least-once. */
    @Override
    public Delivery delivery() {
        return transactions != null ? Delivery.EXACTLY_ONCE : Delivery.AT_LEAST_ONCE;
    }

    /** Partitions assigned to this container's consumer now. */
    @Override
    public Set<TopicPartition> assignment() {
        PollSession current = session;
        return current == null ? Set.of() : Set.copyOf(current.partitions.keySet());
    }

    /**
     * Records between poll and commit: running, waiting, or done but not yet covered by a commit.
     * A crash could deliver these again, so they are what {@code max-in-flight} bounds.
     */
    @Override
    public int inFlight() {
        PollSession current = session;
        return current == null ? 0 : current.inFlight.get();
    }

    @Override
    protected void pollLoop() {
        ExecutorService workers = newWorkerPool();
        OrderedDispatcher dispatcher = new OrderedDispatcher(settings.ordering(), workers);
        RetryingRecordHandler retrying = transactions == null
                ? new RetryingRecordHandler(handler, settings.retry(), retryable, recoverer, scheduler, workers, activity)
                : new RetryingRecordHandler(transactions.guard(handler), settings.retry(), retryable, transactions.guard(recoverer),
                        scheduler, workers, activity);
        Consumer<byte[], byte[]> consumer = null;
        PollSession run = null;
        try {
            if (transactions != null) {
                transactions.start();
            }
            consumer = consumerFactory.get();
            run = new PollSession(consumer, dispatcher, retrying);
            session = run;
            run.subscribe();
            subscribed();
            run.run();
            run.drainAndCommit();
        } catch (WakeupException expected) {
            // stop() raced with a blocking call
        } finally {
            if (run != null) {
                run.end();
            }
            workers.shutdown();
            if (transactions != null) {
                transactions.stop(Duration.ofSeconds(5));
            }
            closeQuietly(consumer, (closing, timeout) -> closing.close(CloseOptions.timeout(timeout)));
        }
    }

    /**
     * One run of the poll loop, on the poll thread: the consumer is touched nowhere else. What it
     * tracks (partitions, records in flight) is its own, so that a record of an earlier run, or of
     * an assignment that went, never counts as this one's, even for the same partition.
     */
    private final class PollSession implements ConsumerRebalanceListener {

        private final Map<TopicPartition, PartitionState> partitions = new ConcurrentHashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final CommitOutageLog commitFailures = new CommitOutageLog(id);
        private final Consumer<byte[], byte[]> consumer;
        private final OrderedDispatcher dispatcher;
        private final RetryingRecordHandler retrying;
        private final DueTimeGate retryGate = new DueTimeGate(System::currentTimeMillis);
        /**
         * Key and payload bytes of the records dispatched and not settled: what they hold on the
         * heap. Per session, so a record of a previous run that settles late counts nowhere.
         */
        private final AtomicLong unsettledBytes = new AtomicLong();
        private boolean backpressured;
        private boolean pausedForOperator;
        private boolean commitPending;
        /** Whether commits carry the done records above the offset; off with exactly-once, or once the broker refused their size. */
        private boolean doneInCommits = transactions == null;
        /** Whether the last loop paused fetching, for backpressure or on request: partitions assigned meanwhile start paused. */
        private boolean holding;

        PollSession(Consumer<byte[], byte[]> consumer, OrderedDispatcher dispatcher, RetryingRecordHandler retrying) {
            this.consumer = consumer;
            this.dispatcher = dispatcher;
            this.retrying = retrying;
        }

        void subscribe() {
            if (subscription.pattern() != null) {
                consumer.subscribe(subscription.pattern(), this);
            } else {
                consumer.subscribe(subscription.topics(), this);
            }
        }

        void run() {
            while (isRunning()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(backpressured ? BACKPRESSURE_POLL_TIMEOUT : POLL_TIMEOUT);
                for (TopicPartition tp : records.partitions()) {
                    dispatchInOrder(tp, records.records(tp));
                }
                consumer.pause(retryGate.held());
                if (transactions != null) {
                    endBatch();
                }
                applyFlowControl();
                commit(false);
                activity.sample(consumer, partitions.keySet(), inFlight.get(), unsettledBytes.get());
            }
        }

        /**
         * Dispatches one partition's fetched records in offset order, until an in-flight bound is
         * reached or a record is not due yet: from there on the partition is read again later.
         * Below the byte bound any record may start, so one larger than the bound still runs alone.
         * A paused handler dispatches nothing: a poll may still bring records, of partitions it was
         * assigned during that poll or fetched before the pause was asked for.
         */
        private void dispatchInOrder(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> fetched) {
            PartitionState partition = partitions.get(tp);
            if (partition == null || partition.isReleased()) {
                return; // fetched just before its partition went; its next owner reads them again
            }
            for (ConsumerRecord<byte[], byte[]> record : fetched) {
                if (isPauseRequested() || inFlight.get() >= settings.maxInFlight()
                        || unsettledBytes.get() >= settings.maxInFlightBytes() || retryGate.holds(record)) {
                    consumer.seek(tp, record.offset());
                    return;
                }
                dispatch(partition, record);
            }
        }

        private void dispatch(PartitionState partition, ConsumerRecord<byte[], byte[]> record) {
            inFlight.incrementAndGet(); // until a commit covers it, skipped or not
            if (partition.doneBefore.contains(record.offset())) {
                partition.skipped(record.offset());
                activity.skipped(record);
                return;
            }
            if (transactions != null) {
                transactions.beginIfNone();
            }
            Dispatched dispatched = new Dispatched(partition, record);
            partition.dispatched(record.offset(), dispatched.bytes);
            unsettledBytes.addAndGet(dispatched.bytes);
            activity.received(record);
            dispatcher.dispatch(partition.partition, record, dispatched);
        }

        /** Pauses fetching past either in-flight bound (or on request) and resumes once below half of both. */
        private void applyFlowControl() {
            int records = inFlight.get();
            long bytes = unsettledBytes.get();
            if (!backpressured && (records >= settings.maxInFlight() || bytes >= settings.maxInFlightBytes())) {
                backpressured = true;
            } else if (backpressured && records <= settings.maxInFlight() / 2 && bytes <= settings.maxInFlightBytes() / 2) {
                backpressured = false;
            }
            holding = backpressured || isPauseRequested();
            Set<TopicPartition> assigned = consumer.assignment();
            retryGate.releaseDue();
            if (holding) {
                consumer.pause(assigned); // also covers partitions assigned since the last pause
            } else if (!consumer.paused().isEmpty()) {
                Set<TopicPartition> resumable = new HashSet<>(consumer.paused());
                resumable.removeAll(retryGate.held()); // retry topic partitions whose next record is not due yet
                consumer.resume(resumable);
            }
            if (pausedForOperator != isPauseRequested()) {
                pausedForOperator = isPauseRequested();
                log.info("Handler '{}' {}", id, pausedForOperator ? "paused" : "resumed");
            }
        }

        /**
         * Commits, for every owned partition, the offset below which everything is done. Called
         * every loop: commits are asynchronous and one at a time, and each frees in-flight room.
         */
        void commit(boolean sync) {
            if (!commitPending) {
                commit(partitions.values(), sync);
            }
        }

        private void commit(Collection<PartitionState> states, boolean sync) {
            if (transactions != null) {
                return; // exactly-once: offsets are committed only inside the batch's transaction
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = committable(states, sync);
            if (offsets.isEmpty()) {
                return;
            }
            if (sync) {
                // bounded: a stop or revoke must not wait out default.api.timeout.ms on a broker that is down
                try {
                    consumer.commitSync(offsets, settings.shutdownTimeout());
                } catch (OffsetMetadataTooLarge e) {
                    stopCommittingDone(e);
                    offsets = withoutMetadata(offsets);
                    consumer.commitSync(offsets, settings.shutdownTimeout());
                }
                markCommitted(offsets);
            } else {
                commitPending = true;
                consumer.commitAsync(offsets, (committed, error) -> {
                    commitPending = false;
                    if (error == null) {
                        commitFailures.ended();
                        markCommitted(committed);
                    } else if (error instanceof OffsetMetadataTooLarge tooLarge) {
                        stopCommittingDone(tooLarge); // the next commit carries the offsets alone
                    } else {
                        commitFailures.failed(committed.keySet(), error);
                    }
                });
            }
        }

        /** @param lastChance whether the partitions are going (revoke, stop): their done records go into the commit now */
        private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states, boolean lastChance) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long now = System.currentTimeMillis();
            for (PartitionState partition : states) {
                OffsetAndMetadata commit = partition.toCommit(now, doneInCommits, lastChance);
                if (commit != null) {
                    offsets.put(partition.partition, commit);
                }
            }
            return offsets;
        }

        private void stopCommittingDone(OffsetMetadataTooLarge refusal) {
            doneInCommits = false;
            log.warn("Handler '{}': the broker refuses commits that name the records done beyond the committed offset ({}); "
                    + "committing offsets alone, so a crash handles those records again. Raise the broker's "
                    + "offset.metadata.max.bytes to at least 4096 to keep them", id, refusal.getMessage());
        }

        private static Map<TopicPartition, OffsetAndMetadata> withoutMetadata(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<TopicPartition, OffsetAndMetadata> plain = new HashMap<>();
            offsets.forEach((tp, offset) -> plain.put(tp, new OffsetAndMetadata(offset.offset())));
            return plain;
        }

        /** Exactly-once: waits for every record of the batch, then ends its transaction; a stop ends it in {@link #drainAndCommit()}. */
        private void endBatch() {
            while (isRunning() && partitions.values().stream().anyMatch(p -> p.unsettled() > 0)) {
                sleep(1);
            }
            if (isRunning()) {
                endTransaction();
            }
        }

        /**
         * Commits the open transaction with the batch's offsets if every record of it is done and
         * every send succeeded; otherwise aborts it and seeks back to the batch's first record, so
         * the whole batch is handled again in a new transaction. A fenced producer (another
         * instance took over the transactional id) cannot abort: the container then fails.
         */
        private void endTransaction() {
            if (!transactions.inTransaction()) {
                return;
            }
            List<PartitionState> batch = List.copyOf(partitions.values());
            boolean whole = !transactions.failed()
                    && batch.stream().allMatch(p -> p.unsettled() == 0 && p.offsets.pendingCount() == 0);
            if (whole) {
                Map<TopicPartition, OffsetAndMetadata> offsets = committable(batch, true);
                try {
                    transactions.commit(offsets, consumer.groupMetadata());
                    markCommitted(offsets);
                    return;
                } catch (KafkaException e) {
                    log.warn("Handler '{}' could not commit its transaction; aborting it and handling the batch again", id, e);
                }
            } else {
                log.warn("Handler '{}': the batch did not complete ({}); aborting its transaction and handling it again", id,
                        transactions.failed() ? transactions.failure().getMessage() : "records given up");
            }
            transactions.abort();
            rewind(batch);
        }

        /** Reads the uncommitted records of an aborted batch again, from the first, with fresh bookkeeping. */
        private void rewind(Collection<PartitionState> batch) {
            Set<TopicPartition> assigned = consumer.assignment();
            for (PartitionState partition : batch) {
                long first = partition.offsets.firstUncommitted();
                drop(partition.partition);
                if (assigned.contains(partition.partition)) {
                    partitions.put(partition.partition, new PartitionState(partition.partition));
                    if (first >= 0) {
                        consumer.seek(partition.partition, first);
                    }
                }
            }
        }

        /** The broker took these commits: they cover their records, and name what they name. */
        private void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((tp, offset) -> {
                PartitionState partition = partitions.get(tp);
                if (partition != null) {
                    inFlight.addAndGet(-partition.committed(offset));
                }
            });
        }

        /** On stop: nothing new starts, records under way finish (bounded), then a last commit. */
        void drainAndCommit() {
            stopping();
            List<PartitionState> owned = List.copyOf(partitions.values());
            if (transactions != null) {
                awaitSettled(owned, settings.shutdownTimeout()); // retries go on: the batch may still commit whole
                owned.forEach(this::release);
                endTransaction();
                return;
            }
            owned.forEach(this::release);
            awaitSettled(owned, settings.shutdownTimeout());
            commitQuietly(owned);
        }

        /** The loop ended: every partition is let go, and this session holds nothing any more. */
        void end() {
            partitions.keySet().forEach(this::drop);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            retryGate.forget(revoked);
            List<PartitionState> going = revoked.stream().map(partitions::get).filter(p -> p != null).toList();
            going.forEach(this::release);
            awaitSettled(going, settings.shutdownTimeout());
            commitQuietly(going);
            revoked.forEach(this::forget);
            if (!revoked.isEmpty()) {
                log.info("Handler '{}' released partitions {}", id, revoked);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            retryGate.forget(lost);
            lost.forEach(this::forget); // another member may own them already: committing now could move its offsets back
            log.warn("Handler '{}' lost partitions {}; their uncommitted records will be delivered again", id, lost);
        }

        /** A paused handler (or one past its in-flight bounds) pauses new partitions before their first fetch. */
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committedOf(assigned);
            for (TopicPartition tp : assigned) {
                DoneOffsets doneBefore = DoneOffsets.read(committed.get(tp), distrust -> log.warn(
                        "Handler '{}': the last commit of {} {}; those records are handled again", id, tp, distrust));
                partitions.put(tp, new PartitionState(tp, doneBefore));
                if (!doneBefore.isEmpty()) {
                    log.info("Handler '{}': {} records of {} after offset {} were done before, by its last owner; "
                            + "they are not handled again", id, doneBefore.count(), tp, committed.get(tp).offset());
                }
            }
            if (holding || isPauseRequested()) {
                consumer.pause(assigned);
            }
            log.info("Handler '{}' assigned partitions {}", id, assigned);
        }

        /** The assigned partitions' last commits, for the done records they name; none if the broker cannot say now. */
        private Map<TopicPartition, OffsetAndMetadata> committedOf(Collection<TopicPartition> assigned) {
            if (!doneInCommits) {
                return Map.of();
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
                return committed == null ? Map.of() : committed;
            } catch (WakeupException stopping) {
                throw stopping;
            } catch (KafkaException e) {
                log.warn("Handler '{}' could not read the last commits of {}; records done after them are handled again",
                        id, assigned, e);
                return Map.of();
            }
        }

        /**
         * Lets go of a partition: records of it that have not started are given up at once (they
         * may sit behind other partitions' in the workers' queue); those running finish or are
         * given up at their next step.
         */
        private void release(PartitionState partition) {
            PartitionState.Unstarted givenUp = partition.release();
            unsettledBytes.addAndGet(-givenUp.bytes());
            for (int i = 0; i < givenUp.records(); i++) {
                activity.settled();
            }
        }

        /** Drops a partition that went; its uncommitted records are its next owner's now. */
        private void forget(TopicPartition tp) {
            drop(tp);
            if (transactions != null) {
                transactions.forget(tp);
            }
        }

        /** Stops tracking a partition; its records no commit covers leave the in-flight count. */
        private void drop(TopicPartition tp) {
            PartitionState partition = partitions.remove(tp);
            if (partition != null) {
                release(partition);
                inFlight.addAndGet(-partition.offsets.held());
            }
        }

        private void commitQuietly(Collection<PartitionState> states) {
            try {
                commit(states, true);
            } catch (RuntimeException e) {
                log.warn("Handler '{}' could not commit on release; records after the last commit will be delivered again",
                        id, e);
            }
        }

        /** Waits, at most {@code timeout}, until none of these partitions' records is running or waiting to. */
        private void awaitSettled(Collection<PartitionState> states, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (states.stream().anyMatch(p -> p.unsettled() > 0)) {
                if (System.nanoTime() >= deadline) {
                    log.warn("Handler '{}': records still running after {}; they will be delivered again", id, timeout);
                    return;
                }
                sleep(5);
            }
        }

        /**
         * A record handed to the workers: the task they run, and how it ends. It belongs to its
         * partition's assignment in this session: once that is released, it is not worked on any
         * more, whatever becomes of the partition later.
         */
        private final class Dispatched implements Supplier<CompletionStage<?>>, RetryingRecordHandler.Settlement {

            private final PartitionState partition;
            private final ConsumerRecord<byte[], byte[]> record;
            /** The heap its key and payload take, as far as the in-flight byte bound counts it. */
            private final long bytes;

            Dispatched(PartitionState partition, ConsumerRecord<byte[], byte[]> record) {
                this.partition = partition;
                this.record = record;
                this.bytes = sizeOf(record);
            }

            @Override
            public CompletionStage<?> get() {
                if (!partition.start(bytes)) {
                    return NOTHING; // given up when its partition was released
                }
                if (transactions != null && transactions.failed()) {
                    settled(false);
                    return NOTHING;
                }
                return retrying.handle(record, this);
            }

            @Override
            public boolean owned() {
                return !partition.isReleased() && (transactions == null || !transactions.failed());
            }

            @Override
            public void settled(boolean done) {
                partition.settled(record.offset(), done);
                unsettledBytes.addAndGet(-bytes);
                activity.settled();
            }
        }
    }
}
