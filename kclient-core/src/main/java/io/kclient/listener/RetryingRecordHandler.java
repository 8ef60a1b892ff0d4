package io.kclient.listener;

import io.kclient.config.RetrySettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a record again with exponential backoff, then hands it to the {@link Recoverer}. Waiting
 * holds no worker: the next attempt is scheduled, and only the record's lane (its key or
 * partition) waits for it. A failure the predicate calls permanent (a payload that cannot be
 * converted) is recovered at once; a record no longer owned (the assignment of its partition that
 * received it went, or its exactly-once batch failed) is not tried again nor recovered, since it
 * will be handled again: by a later assignment of the partition, maybe this container's own. If recovery
 * itself fails (say the dead-letter topic is not writable) it is tried again after the longest
 * backoff, for as long as the record is still owned, so the record is never committed without
 * being handled or dead-lettered.
 *
 * <p>How a record ended is told to its {@link Settlement} directly, on whichever thread saw it
 * (usually the producer's, acknowledging the last output): no future is made per record for it.
 */
final class RetryingRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(RetryingRecordHandler.class);

    private final RecordHandler delegate;
    private final RetrySettings retry;
    private final RetryRule rule;
    private final Recoverer recoverer;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final HandlerActivity activity;

    /** Says whether a record may still be worked on, and hears once how its handling ended. */
    interface Settlement {

        /** Whether the record is still its receiver's to handle: its partition's assignment (and exactly-once batch) lives on. */
        boolean owned();

        /**
         * @param done true when the record was handled or recovered, so it may be committed; false
         *     when it was given up (its partition went, or the container stopped) and will be
         *     delivered again
         */
        void settled(boolean done);
    }

    /** @param activity hears of each record handled, retried, or given up to the recoverer */
    RetryingRecordHandler(RecordHandler delegate, RetrySettings retry, Predicate<Throwable> retryable, Recoverer recoverer,
            ScheduledExecutorService scheduler, Executor workers, HandlerActivity activity) {
        this.delegate = delegate;
        this.retry = retry;
        this.rule = new RetryRule(retry.maxAttempts(), retryable);
        this.recoverer = recoverer;
        this.scheduler = scheduler;
        this.workers = workers;
        this.activity = activity;
    }

    /**
     * Handles {@code record} until it is done or given up, and tells {@code settlement} which.
     *
     * @return what the record's lane waits for: complete once a try handed its outputs to the
     *     producer (which keeps their order), or once the record ended
     */
    CompletionStage<?> handle(ConsumerRecord<byte[], byte[]> record, Settlement settlement) {
        long startNanos = System.nanoTime();
        RecordOutcome first = delegate.handleSafely(record);
        if (handedOff(first)) { // the usual case: the lane moves on now and needs no stage of its own
            afterAttempt(record, 1, startNanos, first, null, settlement);
            return first.handled();
        }
        CompletableFuture<Void> handled = new CompletableFuture<>();
        afterAttempt(record, 1, startNanos, first, handled, settlement);
        return handled;
    }

    private static boolean handedOff(RecordOutcome outcome) {
        return outcome.handled() instanceof CompletableFuture<Void> handled && handled.isDone() && !handled.isCompletedExceptionally();
    }

    /**
     * Waits for one try. Its lane moves on once a try was handed off; should the broker then
     * refuse that try's outputs, the retry runs after the lane's later records (the one case order
     * yields).
     *
     * @param handled what the lane waits for, or {@code null} once a try was handed off
     */
    private void afterAttempt(ConsumerRecord<byte[], byte[]> record, int attempt, long startNanos, RecordOutcome outcome,
            CompletableFuture<Void> handled, Settlement settlement) {
        if (handled != null) {
            outcome.handled().thenRun(() -> handled.complete(null));
        }
        outcome.done().whenComplete((ok, failure) -> {
            if (failure == null) {
                activity.handled(record, startNanos);
                end(handled, settlement, true);
                return;
            }
            Throwable cause = RecordOutcome.cause(failure);
            if (rule.triesAgain(attempt, cause)) {
                activity.retried(record);
                log.debug("Attempt {} of {} failed for {}-{}@{}, trying again", attempt, retry.maxAttempts(),
                        record.topic(), record.partition(), record.offset(), cause);
                later(retry.backoffAfter(attempt).toMillis(), handled, settlement, () -> afterAttempt(record,
                        attempt + 1, startNanos, delegate.handleSafely(record), handled, settlement));
            } else {
                activity.failed(record, cause);
                recover(record, cause, handled, settlement, true);
            }
        });
    }

    /** @param first whether this is the first try at recovery: later failures of it are logged at DEBUG only */
    private void recover(ConsumerRecord<byte[], byte[]> record, Throwable cause, CompletableFuture<Void> handled,
            Settlement settlement, boolean first) {
        if (!settlement.owned()) { // whoever handles it again recovers it, if it fails again
            end(handled, settlement, false);
            return;
        }
        recoverer.recoverSafely(record, cause).whenComplete((ok, failure) -> {
            if (failure == null) {
                end(handled, settlement, true);
                return;
            }
            long delay = Math.max(retry.maxBackoff().toMillis(), 100);
            if (first) {
                log.error("Could not dispose of failed record {}-{}@{}; trying again every {} ms until it works (further "
                        + "failures at DEBUG; health shows the handler stalled)", record.topic(), record.partition(),
                        record.offset(), delay, RecordOutcome.cause(failure));
            } else {
                log.debug("Could not dispose of failed record {}-{}@{} again", record.topic(), record.partition(),
                        record.offset(), RecordOutcome.cause(failure));
            }
            later(delay, handled, settlement, () -> recover(record, cause, handled, settlement, false));
        });
    }

    /**
     * Runs {@code next} on a worker after {@code delayMillis}, unless the record was given up
     * meanwhile (the assignment of its partition went) or the container stopped first.
     */
    private void later(long delayMillis, CompletableFuture<Void> handled, Settlement settlement, Runnable next) {
        Runnable onWorker = () -> {
            if (settlement.owned()) {
                next.run();
            } else {
                end(handled, settlement, false);
            }
        };
        try {
            scheduler.schedule(() -> {
                try {
                    workers.execute(onWorker);
                } catch (RejectedExecutionException stopped) { // its run ended while it waited
                    end(handled, settlement, false);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            end(handled, settlement, false);
        }
    }

    /** The record ended: its lane never waits past this, and the container learns whether it is done. */
    private static void end(CompletableFuture<Void> handled, Settlement settlement, boolean done) {
        settlement.settled(done);
        if (handled != null) {
            handled.complete(null);
        }
    }
}
