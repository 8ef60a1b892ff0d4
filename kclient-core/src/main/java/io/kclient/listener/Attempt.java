package io.kclient.listener;

/**
 * One attempt at handling a record, as the engine hears of it: a handler reports to it instead of
 * returning futures, so a handler that finishes at once makes none. Calls may come from any thread
 * (a worker, the producer's, a future's), in this order: at most one {@link #handedOff()}, then
 * exactly one of {@link #done()} and {@link #failed(Throwable)}.
 */
public interface Attempt {

    /**
     * The handler returned and its outputs are queued in the producer, which keeps their order: the
     * next record of the same key (or partition) may start. Implied by {@link #done()}; a handler
     * that never calls it holds its key until the record is done or failed.
     */
    void handedOff();

    /** Every output of the attempt was acknowledged: the record is done and may be committed. */
    void done();

    /** The attempt failed; the engine retries it or gives it to the error handler and dead-letter topic. */
    void failed(Throwable failure);
}
