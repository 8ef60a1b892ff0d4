package io.kclient.listener;

import io.kclient.observe.TopicObserver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One received record from its first attempt to its end: tried again with exponential backoff
 * while its failure is worth it, then given to the {@link Recoverer}, and finished in its
 * {@link PollBatch} once done (handled or recovered) or given up (its partition went, the session
 * stopped, or its exactly-once batch failed). The attempts report to it directly, so a record that
 * completes at once makes no future.
 *
 * <p>Waiting holds no worker: the next attempt is scheduled, and only the record's key (or
 * partition) waits for it, parked in its {@link Lane} from the moment the worker saw the record
 * not handed off until it is. If recovery itself fails (say the dead-letter topic is not writable)
 * it is tried again after the longest backoff for as long as the record's partition is still
 * owned, so the record is never committed without being handled or dead-lettered.
 */
final class RecordRun implements Attempt {

    private static final Logger log = LoggerFactory.getLogger(RecordRun.class);
    private static final int RUNNING = 0;
    private static final int PARKED = 1;
    private static final int HANDED_OFF = 2;
    private static final int NOT_WAITING = 0;
    private static final int WAITING = 1;
    private static final VarHandle BACKOFF;
    private static final VarHandle PHASE;

    static {
        try {
            BACKOFF = MethodHandles.lookup().findVarHandle(RecordRun.class, "backoff", int.class);
            PHASE = MethodHandles.lookup().findVarHandle(RecordRun.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Handling handling;
    final PollBatch batch;
    final int index;
    final ConsumerRecord<byte[], byte[]> record;
    /** Where the record's key (or partition) waits for it to hand off; {@code null} when nothing waits ({@code NONE}, no key). */
    private final Lane lane;
    private long startNanos;
    private int attempt;
    /** The thread running the current attempt's synchronous part, which may hand off without the lane's lock. */
    private Thread runner;
    /**
     * RUNNING, then HANDED_OFF, or PARKED (its key waits for it) and then HANDED_OFF. Leaving
     * RUNNING is a compare-and-set, since the runner's hand-off and a {@link Lane#takeOver} race
     * for it; going PARKED and leaving it happen under the lane's lock.
     */
    @SuppressWarnings("unused") // through PHASE
    private volatile int phase;
    @SuppressWarnings("unused") // through BACKOFF
    private volatile int backoff;

    RecordRun(Handling handling, PollBatch batch, int index, Lane lane) {
        this.handling = handling;
        this.batch = batch;
        this.index = index;
        this.record = batch.record(index);
        this.lane = lane;
    }

    /** The worker: runs the first attempt, on this thread. */
    void start() {
        begin();
        invoke();
        attempted();
    }

    /**
     * The worker, handing the rest of the lane to another worker before it runs this record: the
     * key is parked from the start, so the lane's next turn holds back the key's later records.
     * Called holding the lane's lock.
     */
    void parkBeforeStart() {
        PHASE.setVolatile(this, PARKED);
        lane.park(this);
    }

    /**
     * Called holding the lane's lock, by a {@link Lane#takeOver} of the lane this record's worker
     * is stuck in: parks the key if the record is still running and has not handed off, and says
     * whether it did. Otherwise its worker may already be past it, and the lane is not taken over.
     */
    boolean parkWhileRunning() {
        if (lane == null || !PHASE.compareAndSet(this, RUNNING, PARKED)) {
            return false;
        }
        lane.park(this);
        return true;
    }

    /** Whether the record's key (or partition) waits for it to hand off. */
    boolean waitsInLane() {
        return lane != null;
    }

    /** The first attempt begins on this thread; the handler is called next (alone, or in a list). */
    void begin() {
        attempt = 1;
        startNanos = batch.partition.topic == TopicObserver.NONE ? 0 : System.nanoTime();
        runner = Thread.currentThread();
    }

    /** The current attempt's synchronous part is over: from now on only the lane's lock decides. */
    void attempted() {
        runner = null;
    }

    private void invoke() {
        try {
            handling.call.attempt(record, this);
        } catch (RuntimeException | Error e) { // an interceptor's, a validator's: the record fails, it is not lost
            failed(e);
        }
    }

    /**
     * The worker, after the first attempt's synchronous part: whether the record's key (or the
     * lane) must wait for it, since it did not hand off. The key is then parked in the lane.
     */
    boolean holdsKey() {
        if (lane == null) {
            return false;
        }
        int now = (int) PHASE.getVolatile(this);
        if (now != RUNNING) {
            return now == PARKED;
        }
        synchronized (lane) {
            if (PHASE.compareAndSet(this, RUNNING, PARKED)) {
                lane.park(this);
                return true;
            }
            return (int) PHASE.getVolatile(this) == PARKED;
        }
    }

    @Override
    public void handedOff() {
        if (lane == null) {
            return;
        }
        if (runner == Thread.currentThread() && PHASE.compareAndSet(this, RUNNING, HANDED_OFF)) {
            return; // within the worker's own call, before anything parked the key: no lock needed
        }
        synchronized (lane) {
            if ((int) PHASE.getAndSet(this, HANDED_OFF) == PARKED) {
                lane.unpark(this);
            }
        }
    }

    @Override
    public void done() {
        TopicObserver topic = batch.partition.topic;
        if (topic != TopicObserver.NONE) {
            topic.handled(System.nanoTime() - startNanos);
        }
        end(true);
    }

    @Override
    public void failed(Throwable failure) {
        Throwable cause = RecordOutcome.cause(failure);
        if (!owned()) {
            end(false); // whoever handles it again recovers it, if it fails again
        } else if (handling.rule.triesAgain(attempt, cause)) {
            batch.partition.topic.retried();
            log.debug("Attempt {} of {} failed for {}-{}@{}, trying again", attempt, handling.retry.maxAttempts(),
                    record.topic(), record.partition(), record.offset(), cause);
            later(handling.retry.backoffAfter(attempt).toMillis(), this::retry);
        } else {
            handling.activity.failed(batch.partition.topic, cause);
            recover(cause, true);
        }
    }

    private void retry() {
        if (!owned()) {
            end(false);
            return;
        }
        attempt++;
        runner = Thread.currentThread();
        invoke();
        attempted();
    }

    /** @param first whether this is the first try at recovery: later failures of it are logged at DEBUG only */
    private void recover(Throwable cause, boolean first) {
        if (!owned()) {
            end(false);
            return;
        }
        handling.recoverer.recoverSafely(record, cause).whenComplete((ok, failure) -> {
            if (failure == null) {
                end(true);
                return;
            }
            long delay = Math.max(handling.retry.maxBackoff().toMillis(), 100);
            if (first) {
                log.error("Could not dispose of failed record {}-{}@{}; trying again every {} ms until it works (further "
                        + "failures at DEBUG; health shows the handler stalled)", record.topic(), record.partition(),
                        record.offset(), delay, RecordOutcome.cause(failure));
            } else {
                log.debug("Could not dispose of failed record {}-{}@{} again", record.topic(), record.partition(),
                        record.offset(), RecordOutcome.cause(failure));
            }
            later(delay, () -> recover(cause, false));
        });
    }

    /** Whether the record may still be worked on: its partition's assignment is current and its batch wanted. */
    boolean owned() {
        return !batch.partition.isReleased() && !handling.abandoned();
    }

    /**
     * Runs {@code next} on a worker after {@code delayMillis}, unless the partition goes first:
     * then {@link AssignedPartition#release()} gives the record up at once, through
     * {@link #giveUpBackoff()}, instead of leaving a revoke to wait for the backoff.
     */
    private void later(long delayMillis, Runnable next) {
        BACKOFF.setVolatile(this, WAITING);
        batch.partition.backingOff.add(this);
        if (batch.partition.isReleased()) {
            giveUpBackoff(); // released between the check and the registration
            return;
        }
        try {
            handling.scheduler.schedule(() -> {
                if (claimBackoff()) {
                    runOnWorker(next);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            giveUpBackoff();
        }
    }

    private void runOnWorker(Runnable next) {
        try {
            handling.workers.execute(next);
        } catch (RejectedExecutionException stopped) {
            end(false);
        }
    }

    private boolean claimBackoff() {
        if (BACKOFF.compareAndSet(this, WAITING, NOT_WAITING)) {
            batch.partition.backingOff.remove(this);
            return true;
        }
        return false;
    }

    /** Gives the record up if it still waits for its backoff; once, whoever asks first. */
    void giveUpBackoff() {
        if (claimBackoff()) {
            end(false);
        }
    }

    /** A record that never started (it waited behind its key when its partition went): nothing waits for it. */
    void giveUpUnstarted() {
        batch.finish(index, false);
    }

    /** The record ended: its key never waits past this, and its batch learns whether it is done. */
    private void end(boolean done) {
        if (lane != null && (int) PHASE.getOpaque(this) != HANDED_OFF) {
            handedOff();
        }
        batch.finish(index, done);
    }
}
