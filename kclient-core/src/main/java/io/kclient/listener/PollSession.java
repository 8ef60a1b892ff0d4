package io.kclient.listener;

import io.kclient.Ordering;
import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a handler's poll loop, on its poll thread, with everything that run owns: the
 * consumer (touched nowhere else), the assigned partitions, what is in flight, the workers. The
 * loop is a template: poll, receive (split each partition's records into a {@link PollBatch} and
 * dispatch it to the lanes), settle ({@link #afterPoll()}), flow control, commit, report; and on
 * stop, drain. How offsets are committed is the subclass's: {@link AtLeastOnceSession} commits
 * through the consumer, {@link ExactlyOnceSession} in a transaction per poll.
 *
 * <p>A new run is a new session: nothing of an earlier run's state is shared with it, so work that
 * outlives its run (a retry waiting, a record finishing after a restart) touches only its own.
 *
 * <p>Over 300 lines because the steps of the loop share what the session owns (the consumer, the
 * partitions, what is in flight, the lanes made ready): each step is a method here, and what each
 * needs done elsewhere is a class of its own ({@link FlowControl}, {@link OffsetCommitter},
 * {@link RebalanceHandler}, {@link Lanes}, {@link SettleWait}).
 */
abstract class PollSession {

    private static final Logger log = LoggerFactory.getLogger(PollSession.class);
    /**
     * How often the poll thread looks for workers stuck in a record: a record that blocks longer
     * than one to two of these (or than a poll, when polls are slower) lets the rest of its lane go
     * on on another worker.
     */
    static final long STUCK_CHECK_NANOS = 20_000_000;
    /** Retry topics end so ({@link RetryHeaders#retryTopic}); only their records can carry a due time. */
    private static final Pattern RETRY_TOPIC = Pattern.compile(".*\\.retry-\\d+");

    protected final HandlerContainer container;
    protected final String id;
    protected final HandlerSettings settings;
    protected final Consumer<byte[], byte[]> consumer;
    protected final Workers workers;
    protected final InFlight inFlight;
    protected final FlowControl flow;
    private LaneTurns turns;
    private final int lanesPerWorker;
    private final Map<TopicPartition, AssignedPartition> partitions = new LinkedHashMap<>();
    private volatile Set<TopicPartition> assignment = Set.of();
    private final List<Lane> ready = new ArrayList<>();
    private final SettleWait settleWait;
    private int unsettled;
    private int dispatchedSinceReport;
    private long nextStuckCheck = System.nanoTime();

    /** @param lanesPerWorker how many lanes a partition's share of the workers gets (see {@link Lanes#countFor}) */
    PollSession(HandlerContainer container, Consumer<byte[], byte[]> consumer, Workers workers, int lanesPerWorker) {
        this.container = container;
        this.id = container.id();
        this.settings = container.settings();
        this.consumer = consumer;
        this.workers = workers;
        this.lanesPerWorker = lanesPerWorker;
        this.inFlight = new InFlight(settings.maxInFlight(), settings.maxInFlightBytes());
        this.flow = new FlowControl(id, inFlight);
        this.settleWait = new SettleWait(container::isRunning);
    }

    /** How workers take turns at this session's lanes; set once, before {@link #run()}. */
    final void turns(LaneTurns turns) {
        this.turns = turns;
    }

    /** The template: subscribes, polls until the container stops, then drains. */
    final void run() {
        RebalanceHandler rebalance = new RebalanceHandler(this);
        if (container.subscription().pattern() != null) {
            consumer.subscribe(container.subscription().pattern(), rebalance);
        } else {
            consumer.subscribe(container.subscription().topics(), rebalance);
        }
        container.subscribed();
        while (container.isRunning()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(flow.pollTimeout());
            inFlight.recount(partitions.values());
            receive(records);
            afterPoll();
            flow.apply(consumer, container.isPauseRequested(), partitions.values());
            commit();
            report();
        }
        container.stopping();
        drain();
    }

    // --- what the subclasses decide

    /** A batch is about to be dispatched. */
    protected void beforeDispatch(PollBatch batch) {
    }

    /** After each poll's records were dispatched. */
    protected void afterPoll() {
    }

    /** Once per loop: commit what can be. */
    protected abstract void commit();

    /** Whether commits may name done records, so assignment reads the last commit's. */
    protected abstract boolean namesDone();

    /** Partitions being revoked, released and settled as far as the wait allowed: commit what they finished. */
    protected abstract void going(Collection<AssignedPartition> going);

    /** Partitions lost (another member may own them): nothing of them may be committed. */
    protected void lost(Collection<AssignedPartition> lost) {
    }

    /** The container stops: nothing new starts, records under way finish (bounded), a last commit. */
    protected abstract void drain();

    // --- receiving

    /**
     * Makes each partition's records of the poll a batch and dispatches it, up to an in-flight
     * bound or a record not due yet. Records past a bound are kept and received first once there
     * is room ({@link AssignedPartition#defer}); from a record not due yet on, the partition is read
     * again later. Nothing is dispatched while an operator paused the handler (records of a poll
     * that assigned partitions to a paused handler are read again after the resume).
     */
    private void receive(ConsumerRecords<byte[], byte[]> records) {
        boolean pauseRequested = container.isPauseRequested();
        for (TopicPartition tp : records.partitions()) {
            AssignedPartition partition = partitions.get(tp);
            List<ConsumerRecord<byte[], byte[]>> fetched = records.records(tp);
            if (partition == null || partition.isReleased()) {
                continue; // fetched just before its partition went; its next owner reads them again
            }
            if (partition.hasDeferred()) { // fetched before the partition paused: they follow what was kept
                List<ConsumerRecord<byte[], byte[]>> both = new ArrayList<>(partition.takeDeferred());
                both.addAll(fetched);
                partition.defer(both);
            } else if (pauseRequested) {
                consumer.seek(tp, fetched.get(0).offset());
            } else {
                take(partition, fetched);
            }
        }
        // after the fetched records: a seek back to the first kept record is then the partition's last
        for (AssignedPartition partition : partitions.values()) {
            if (partition.hasDeferred() && !partition.isReleased()) {
                List<ConsumerRecord<byte[], byte[]>> deferred = partition.takeDeferred();
                if (pauseRequested) {
                    consumer.seek(partition.partition, deferred.get(0).offset());
                } else {
                    take(partition, deferred);
                }
            }
        }
        if (!ready.isEmpty()) {
            workers.submit(ready);
            ready.clear();
        }
    }

    /**
     * Receives {@code records}, a partition's next ones, as far as the in-flight bounds admit and
     * their due times have come: the rest is kept for later, or, from a record not due yet, read
     * again when it is.
     */
    private void take(AssignedPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        int taken = 0;
        long bytes = 0;
        boolean due = true;
        while (taken < records.size() && inFlight.admits(taken, bytes)) {
            ConsumerRecord<byte[], byte[]> record = records.get(taken);
            if (partition.retryTopic && flow.gate.holds(record)) {
                due = false;
                break;
            }
            bytes += PollBatch.sizeOf(record);
            taken++;
        }
        if (taken < records.size()) {
            if (due) {
                partition.defer(records.subList(taken, records.size()));
            } else {
                consumer.seek(partition.partition, records.get(taken).offset());
            }
        }
        if (taken > 0) {
            dispatch(new PollBatch(partition, records, taken, bytes));
        }
    }

    private void dispatch(PollBatch batch) {
        AssignedPartition partition = batch.partition;
        int skipped = 0;
        if (!partition.doneBefore.isEmpty()) {
            for (int i = 0; i < batch.size(); i++) {
                if (partition.doneBefore.contains(batch.offset(i))) {
                    batch.skip(i);
                    skipped++;
                }
            }
            if (skipped > 0) {
                partition.topic.skipped(skipped);
            }
        }
        int toRun = batch.size() - skipped;
        inFlight.add(batch); // skipped ones too, until a commit covers them
        partition.held.add(batch);
        if (toRun > 0) {
            partition.topic.received(toRun);
            beforeDispatch(batch);
            partition.lanes.dispatch(batch, toRun, ready);
            dispatchedSinceReport += toRun;
        }
    }

    // --- assignment

    Collection<AssignedPartition> partitions() {
        return partitions.values();
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    /**
     * The new assignments of {@code assigned}, each with the records its previous owner's last
     * commit named done ({@link RebalanceHandler} reads them); paused before any of their records is
     * dispatched if the handler is.
     */
    void assigned(Collection<TopicPartition> assigned, Map<TopicPartition, DoneOffsets> doneBefore) {
        int lanes = Lanes.countFor(settings.concurrency(), partitions.size() + assigned.size(), lanesPerWorker);
        Ordering ordering = settings.ordering();
        for (TopicPartition tp : assigned) {
            partitions.put(tp, new AssignedPartition(tp, container.activity().topic(tp.topic()),
                    doneBefore.getOrDefault(tp, DoneOffsets.NONE), RETRY_TOPIC.matcher(tp.topic()).matches(),
                    new Lanes(turns, ordering, lanes), settleWait::batchSettled));
        }
        assignment = Set.copyOf(partitions.keySet());
        if (flow.pausing(container.isPauseRequested())) {
            consumer.pause(assigned);
        }
    }

    /** The assignments of {@code tps} this session holds. */
    List<AssignedPartition> partitionsOf(Collection<TopicPartition> tps) {
        return tps.stream().map(partitions::get).filter(p -> p != null).toList();
    }

    /** Stops tracking partitions that went; their uncommitted records are their next owner's now. */
    void drop(Collection<TopicPartition> gone) {
        gone.forEach(partitions::remove);
        assignment = Set.copyOf(partitions.keySet());
        flow.gate.forget(gone);
        inFlight.recount(partitions.values());
    }

    // --- settling

    /**
     * Parks the poll thread until no record of {@code of} is left running, or {@code timeout}
     * passed; woken as each batch settles, not by polling. Returns whether they all settled.
     */
    boolean awaitSettled(Collection<AssignedPartition> of, Duration timeout) {
        return settleWait.await(of, System.nanoTime() + timeout.toNanos(), false);
    }

    /** As {@link #awaitSettled}, for as long as the container runs; false once it stops first. */
    boolean awaitSettledWhileRunning(Collection<AssignedPartition> of) {
        return settleWait.await(of, Long.MAX_VALUE, true);
    }

    /** As {@link #awaitSettled} with the shutdown timeout, logging what it leaves. */
    void awaitSettledOrWarn(Collection<AssignedPartition> of) {
        if (!awaitSettled(of, settings.shutdownTimeout())) {
            log.warn("Handler '{}': records still running after {}; they will be delivered again", id, settings.shutdownTimeout());
        }
    }

    /** Releases the partitions: nothing of them starts any more; what waited in their lanes is given up. */
    static void release(Collection<AssignedPartition> going) {
        going.forEach(AssignedPartition::release);
    }

    // --- reporting

    private void report() {
        if (System.nanoTime() - nextStuckCheck >= 0) {
            nextStuckCheck = System.nanoTime() + STUCK_CHECK_NANOS;
            partitions.values().forEach(partition -> partition.lanes.lookForStuck());
        }
        int now = 0;
        for (AssignedPartition partition : partitions.values()) {
            now += partition.held.unsettled();
        }
        container.activity().progress(now, Math.max(0, unsettled + dispatchedSinceReport - now));
        unsettled = now;
        dispatchedSinceReport = 0;
        container.activity().sample(consumer, assignment, inFlight.records(), inFlight.bytes());
    }
}
