package io.kclient.listener;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a container runs for each record. The container knows nothing of methods or annotations:
 * it only learns, through the returned {@link RecordOutcome} or the {@link Attempt} it is given,
 * when a record is handed off and when it is done.
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Handles one record. The outcome says when its lane may move on and when it is done (its
     * handler returned and every record it published was acknowledged) or failed; its stages may
     * complete on any thread.
     */
    RecordOutcome handle(ConsumerRecord<byte[], byte[]> record);

    /**
     * As {@link #handle}, with an exception or error thrown instead of returned turned into a
     * failed outcome: an {@link Error} thrown around the handler's own method (by an interceptor,
     * a validator, argument resolution) fails the attempt like any failure, so the record is
     * retried or dead-lettered rather than left unfinished, holding its partition's offset.
     */
    default RecordOutcome handleSafely(ConsumerRecord<byte[], byte[]> record) {
        try {
            return handle(record);
        } catch (RuntimeException | Error e) {
            return RecordOutcome.failed(e);
        }
    }

    /**
     * The engine's way in: reports how the attempt ends to {@code attempt}. By default it runs
     * {@link #handleSafely} and passes its outcome on; a handler that can report directly
     * overrides it and makes no future per record.
     */
    default void handle(ConsumerRecord<byte[], byte[]> record, Attempt attempt) {
        report(handleSafely(record), attempt);
    }

    /** Passes {@code outcome} on to {@code attempt}: its hand-off once {@code handled} completes, then its end. */
    static void report(RecordOutcome outcome, Attempt attempt) {
        CompletableFuture<Void> handled = outcome.handled().toCompletableFuture();
        if (handled.isDone() && !handled.isCompletedExceptionally()) {
            attempt.handedOff(); // at once, on the calling thread: the usual case, and the key moves on without a lock
        } else {
            handled.thenRun(attempt::handedOff);
        }
        outcome.done().whenComplete((ok, failure) -> {
            if (failure == null) {
                attempt.done();
            } else {
                attempt.failed(RecordOutcome.cause(failure));
            }
        });
    }
}
