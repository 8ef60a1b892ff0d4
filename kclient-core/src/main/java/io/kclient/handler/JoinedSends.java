package io.kclient.handler;

import io.kclient.KClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The sends a {@code KafkaPublisher} makes on a handler's thread while the handler runs: they
 * belong to the record being handled. They are held until the handler returns, then sent with its
 * return value, through its producer (so an exactly-once handler's join its transaction); the
 * record is done only once the broker acknowledged them too, and one that fails fails the record
 * as a failed output does. If the handler throws, they are dropped unsent: its retry sends again.
 *
 * <p>The one seam between the publisher and the engine: the adapter opens one around each handler
 * call, on the calling thread; the engine's containers know nothing of it.
 */
public final class JoinedSends {

    private static final ThreadLocal<JoinedSends> CURRENT = new ThreadLocal<>();

    private final String handlerId;
    private final boolean exactlyOnce;
    private final Thread thread = Thread.currentThread();
    private final List<Send> sends = new ArrayList<>();
    private volatile boolean open = true;

    /** A held record and the future its sender waits on. */
    record Send(ProducerRecord<byte[], byte[]> record, CompletableFuture<RecordMetadata> acknowledged) {
    }

    private JoinedSends(String handlerId, boolean exactlyOnce) {
        this.handlerId = handlerId;
        this.exactlyOnce = exactlyOnce;
    }

    /** The sends of the handler call running on this thread, or {@code null} outside one. */
    public static JoinedSends current() {
        return CURRENT.get();
    }

    /** Opens the sends of a handler call on this thread. */
    static JoinedSends open(String handlerId, boolean exactlyOnce) {
        JoinedSends joined = new JoinedSends(handlerId, exactlyOnce);
        CURRENT.set(joined);
        return joined;
    }

    /** The handler whose record these sends belong to. */
    public String handlerId() {
        return handlerId;
    }

    /** Whether the handler runs in transactions, which these sends then join. */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /**
     * Holds {@code record} until the handler returns.
     *
     * @return completes with the broker's acknowledgement, after the handler returned; waiting for it
     *     on the handler's own thread fails at once, since it would wait forever
     */
    public CompletableFuture<RecordMetadata> add(ProducerRecord<byte[], byte[]> record) {
        Acknowledgement acknowledged = new Acknowledgement();
        sends.add(new Send(record, acknowledged));
        return acknowledged;
    }

    /** Ends the handler call: the held sends, to go out with its outputs. */
    List<Send> close() {
        end();
        return List.copyOf(sends);
    }

    /** Ends a handler call that failed: the held sends are dropped, their futures failed with why. */
    void discard(Throwable why) {
        end();
        fail(sends, new KClientException("Not sent: handler '" + handlerId + "' failed before its sends went out (they go out "
                + "once it returns, and its retry sends again): " + why, why));
    }

    /** Fails the futures of sends that will not be sent. */
    static void fail(List<Send> sends, Throwable why) {
        sends.forEach(send -> send.acknowledged().completeExceptionally(why));
    }

    private void end() {
        open = false;
        CURRENT.remove();
    }

    /** A future that refuses to be waited for on the thread that holds its send. */
    private final class Acknowledgement extends CompletableFuture<RecordMetadata> {

        @Override
        public RecordMetadata get() throws InterruptedException, ExecutionException {
            refuseWaitingForItself();
            return super.get();
        }

        @Override
        public RecordMetadata get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            refuseWaitingForItself();
            return super.get(timeout, unit);
        }

        @Override
        public RecordMetadata join() {
            refuseWaitingForItself();
            return super.join();
        }

        private void refuseWaitingForItself() {
            if (open && thread == Thread.currentThread()) {
                throw new KClientException("Handler '" + handlerId + "' waits for a send of the KafkaPublisher, which goes "
                        + "out when the handler returns: it would wait forever. Return instead; the record is done only "
                        + "once the send is acknowledged");
            }
        }
    }
}
