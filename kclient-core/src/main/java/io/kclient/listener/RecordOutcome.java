package io.kclient.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The two moments in a record's handling that the container acts on.
 *
 * @param handled completes when the handler has finished and its outputs are queued in the
 *     producer, in order: the next record of the same lane (key or partition) may start, since the
 *     producer keeps the order of what it was given. Waiting for the broker's acknowledgement here
 *     would cap a lane at one record per producer round trip.
 * @param done completes normally when every output was acknowledged, so the record may be
 *     committed, or exceptionally with the failure. {@code handled} never completes after
 *     {@code done}, and completes (possibly exceptionally) whenever {@code done} does.
 */
public record RecordOutcome(CompletionStage<Void> handled, CompletionStage<Void> done) {

    private static final RecordOutcome DONE = new RecordOutcome(CompletableFuture.completedFuture(null),
            CompletableFuture.completedFuture(null));

    /** A record finished with nothing left to wait for. */
    public static RecordOutcome completed() {
        return DONE;
    }

    /** A record that failed before anything was published. */
    public static RecordOutcome failed(Throwable failure) {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(failure);
        return new RecordOutcome(failed, failed);
    }

    /** A record whose lane waits for {@code done} itself: for handlers with no separate hand-off. */
    public static RecordOutcome completedWhen(CompletionStage<Void> done) {
        return new RecordOutcome(done, done);
    }

    /**
     * The failure a stage completed with, without the {@link CompletionException} that a
     * dependent stage wraps it in: what retries, dead letters and logs should see.
     */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * An {@link Attempt} that keeps how it ended as a {@code RecordOutcome}: for handlers that
     * report to an attempt, called where an outcome is wanted.
     */
    public static final class Recording implements Attempt {

        private final CompletableFuture<Void> handled = new CompletableFuture<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public void handedOff() {
            handled.complete(null);
        }

        @Override
        public void done() {
            handled.complete(null);
            done.complete(null);
        }

        @Override
        public void failed(Throwable failure) {
            handled.completeExceptionally(failure);
            done.completeExceptionally(failure);
        }

        /** What the attempt reported so far, and will. */
        public RecordOutcome outcome() {
            return new RecordOutcome(handled, done);
        }
    }
}
