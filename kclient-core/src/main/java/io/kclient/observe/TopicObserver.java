package io.kclient.observe;

/**
 * The events of one handler's records of one topic, from {@link HandlerObserver#topic}. The engine
 * asks for it once per handler and topic (when a partition of the topic is assigned, or when an
 * output first goes to it) and keeps it, so an implementation looks up its meters once instead of
 * at every record; counts the engine knows per poll batch come as one call.
 *
 * <p>Calls come from the engine's poll, worker and producer threads, concurrently, on the hot
 * path: implementations must be thread-safe and quick, and must not block. An exception is
 * logged and otherwise ignored.
 */
public interface TopicObserver {

    /** Observes nothing. */
    TopicObserver NONE = new TopicObserver() {
    };

    /** {@code records} records of a poll were received and dispatched to the handler's workers. */
    default void received(int records) {
    }

    /**
     * {@code records} records of a poll were not handled: the partition's previous owner had
     * finished them, and its last commit said so.
     */
    default void skipped(int records) {
    }

    /**
     * The handler finished a record and the broker acknowledged every output of it.
     *
     * @param latencyNanos from the first attempt's start to the last acknowledgement, retries included
     */
    default void handled(long latencyNanos) {
    }

    /** An attempt failed and the record will be tried again after a backoff. */
    default void retried() {
    }

    /** The record's last attempt failed; it goes to the error handler and the dead-letter topic next. */
    default void failed(Throwable failure) {
    }

    /** A failed record was acknowledged by its dead-letter topic. */
    default void deadLettered() {
    }

    /** {@code records} output records were acknowledged by the broker on this topic. */
    default void published(int records) {
    }
}
