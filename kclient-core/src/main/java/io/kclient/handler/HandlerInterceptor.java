package io.kclient.handler;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sees every call of every handler: tracing, for example, reads the trace context from the input
 * record, makes it current while the handler runs, and writes it into each record the handler
 * publishes. Each attempt of a retried record is its own invocation. Interceptors must be
 * thread-safe: handlers run on many workers at once.
 */
@FunctionalInterface
public interface HandlerInterceptor {

    /**
     * Called on the worker thread before the handler method is called.
     *
     * @param handlerId the handler's id
     * @param record the input record, as it came (headers included)
     * @return what to do around this call, its outputs, and its end
     */
    Invocation begin(String handlerId, ConsumerRecord<byte[], byte[]> record);

    /** One call of a handler on one record. */
    interface Invocation {

        /**
         * Makes this invocation's context current on the calling thread until the scope is closed,
         * around the handler method's call.
         */
        default Scope makeCurrent() {
            return () -> { };
        }

        /**
         * Called for every record the handler publishes, before it is sent; may add headers. A
         * handler returning a future publishes later, from the thread that completed it.
         */
        default void beforePublish(ProducerRecord<byte[], byte[]> output) {
        }

        /**
         * Called once, when the record is done: its outputs acknowledged, or the attempt failed.
         *
         * @param failure why the attempt failed, or {@code null} when it succeeded
         */
        void end(Throwable failure);
    }

    /** What {@link Invocation#makeCurrent()} made current; closing it restores the thread's previous context. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
