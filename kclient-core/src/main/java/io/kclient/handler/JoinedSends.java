package io.kclient.handler;

import io.kclient.KClientException;
import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The sends a {@code KafkaPublisher} makes on a handler's thread while the handler runs: they
 * belong to the record being handled. They are held until the handler returns, then sent with its
 * return value, through its producer (so an exactly-once handler's join its transaction); the
 * record is done only once the broker acknowledged them too, and one that fails fails the record
 * as a failed output does. If the handler throws, they are dropped unsent: its retry sends again.
 * An {@code @ErrorHandler}'s sends belong to its record the same way, sent with its dead letter.
 *
 * <p>The one seam between the publisher and the engine: the adapters open one around each handler
 * call, and the error handler invoker around each error handler call, on the calling thread; the
 * engine's containers know nothing of it.
 */
public final class JoinedSends {

    private static final ThreadLocal<JoinedSends> CURRENT = new ThreadLocal<>();

    private final String handlerId;
    private final boolean exactlyOnce;
    private final Thread thread = Thread.currentThread();
    /** The call this one runs within on the same thread, if any, current again when this one ends. */
    private final JoinedSends outer = CURRENT.get();
    /** Made at the first send: most calls send nothing through the publisher. */
    private List<Send> sends;
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
        if (sends == null) {
            sends = new ArrayList<>(2);
        }
        sends.add(new Send(record, acknowledged));
        return acknowledged;
    }

    /** Ends the handler call: the held sends, to go out with its outputs. */
    List<Send> close() {
        end();
        return sends == null ? List.of() : List.copyOf(sends);
    }

    /** Ends a handler call that failed: the held sends are dropped, their futures failed with why. */
    void discard(Throwable why) {
        discard("handler '" + handlerId + "' failed before its sends went out (they go out once it returns, and its retry "
                + "sends again)", why);
    }

    /** Ends a call that failed, {@code what} saying what became of its sends: they are dropped, their futures failed. */
    void discard(String what, Throwable why) {
        end();
        if (sends != null) {
            fail(sends, new KClientException("Not sent: " + what + ": " + why, why));
        }
    }

    /**
     * Ends a call whose sends go out on their own, not with a handler's outputs (an error handler's,
     * beside its record's dead letter): sends them through {@code producer}.
     *
     * @param input the record the sends belong to, named in a refusal
     * @return completes once the broker acknowledged every one of them, at once when there are none;
     *     fails with the first refusal, an {@link OutputPublishException}
     */
    CompletableFuture<Void> sendAlone(Producer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> input) {
        List<Send> held = close();
        if (held.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        for (int i = 0; i < held.size(); i++) {
            Send send = held.get(i);
            String topic = send.record().topic();
            try {
                producer.send(send.record(), (metadata, error) -> {
                    if (error == null) {
                        send.acknowledged().complete(metadata);
                    } else {
                        send.acknowledged().completeExceptionally(refusal(topic, input, error));
                    }
                });
            } catch (RuntimeException e) {
                fail(held.subList(i, held.size()), refusal(topic, input, e)); // not queued: the refused one and the rest
                break;
            }
        }
        return CompletableFuture.allOf(held.stream().map(Send::acknowledged).toArray(CompletableFuture[]::new));
    }

    private OutputPublishException refusal(String topic, ConsumerRecord<byte[], byte[]> input, Throwable error) {
        return new OutputPublishException(handlerId, topic, RecordCoordinates.of(input), error);
    }

    /** Fails the futures of sends that will not be sent. */
    static void fail(List<Send> sends, Throwable why) {
        sends.forEach(send -> send.acknowledged().completeExceptionally(why));
    }

    /** The outer call is current again; {@code null} is set rather than removed, which would cost the thread's map an entry per call. */
    private void end() {
        open = false;
        CURRENT.set(outer);
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
