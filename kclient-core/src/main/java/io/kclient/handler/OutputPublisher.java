package io.kclient.handler;

import io.kclient.HandlerExecutionException;
import io.kclient.KClientException;
import io.kclient.Message;
import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.convert.PayloadConverters;
import io.kclient.listener.RecordOutcome;
import io.kclient.observe.HandlerObserver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes what a handler returned: nothing for {@code null}, one record per value or per
 * element of a {@code Collection}, a future's value once it completes, and a {@link Message} as
 * it says. Sends never block: the outcome is handed off once every send is queued, and done when
 * the broker acknowledged every record, which is when the input record may be committed. Every
 * record is serialized before the first is sent, so a value that cannot be written leaves no part
 * of the output published; a send that fails is reported as an {@link OutputPublishException}
 * naming the handler and topic.
 *
 * <p>A request (a record naming a reply topic) is answered instead: its one reply goes to the
 * reply topic through the reply producer, and nothing to the handler's output topic, since the
 * result belongs to the caller. What the handler sent through the publisher during its call
 * ({@link JoinedSends}) goes first, through the output producer, and counts like any output.
 */
final class OutputPublisher {

    private static final CompletableFuture<Void> HANDED_OFF = CompletableFuture.completedFuture(null);

    private final Supplier<Producer<byte[], byte[]>> producer;
    private final Supplier<Producer<byte[], byte[]>> replyProducer;
    private final PayloadConverters converters;
    private final Replies replies;
    private final String outputTopic;
    private final boolean repliesOnly;
    private final String handlerId;
    private final HandlerObserver observer;

    /**
     * @param producer the producer to send with, asked at each publish (a transactional one changes per container run)
     * @param replyProducer the producer of replies to requests: one that does not linger, since a caller waits
     * @param repliesOnly whether results of records that are no request are dropped
     * @param observer hears of each output record the broker acknowledged
     */
    OutputPublisher(Supplier<Producer<byte[], byte[]>> producer, Supplier<Producer<byte[], byte[]>> replyProducer,
            PayloadConverters converters, String outputTopic, boolean repliesOnly, String handlerId, HandlerObserver observer) {
        this.producer = producer;
        this.replyProducer = replyProducer;
        this.converters = converters;
        this.replies = new Replies(converters);
        this.outputTopic = outputTopic;
        this.repliesOnly = repliesOnly;
        this.handlerId = handlerId;
        this.observer = observer;
    }

    /**
     * @param invocation sees each output record before it is sent (its interceptors may add headers)
     * @param joined what the handler sent through the publisher during its call: sent first, through
     *     the output producer, with the result
     */
    RecordOutcome publish(ConsumerRecord<byte[], byte[]> input, Object result, HandlerInterceptor.Invocation invocation,
            List<JoinedSends.Send> joined) {
        if (result instanceof CompletionStage<?> pending) {
            CompletableFuture<RecordOutcome> published = pending.handle((value, failure) -> failure == null
                    ? publish(input, value, invocation, joined)
                    : failed(joined, new HandlerExecutionException(handlerId, RecordCoordinates.of(input),
                            RecordOutcome.cause(failure)))).toCompletableFuture();
            return new RecordOutcome(published.thenCompose(RecordOutcome::handled),
                    published.thenCompose(RecordOutcome::done));
        }
        List<Outgoing> outgoing = new ArrayList<>();
        joined.forEach(send -> outgoing.add(new Outgoing(send.record(), producer, send.acknowledged())));
        try {
            if (Replies.isRequest(input)) { // a request gets one reply, even for null: the caller waits for it
                outgoing.add(new Outgoing(replies.reply(input, result), replyProducer, null));
            } else if (result instanceof Collection<?> values && !repliesOnly) {
                for (Object value : values) {
                    outgoing.add(new Outgoing(toRecord(input, value), producer, null));
                }
            } else if (result != null && !repliesOnly) {
                outgoing.add(new Outgoing(toRecord(input, result), producer, null));
            }
        } catch (RuntimeException e) {
            return failed(joined, e);
        }
        return send(input, outgoing, invocation);
    }

    /** A record to send, its producer, and whom to tell of its acknowledgement ({@code null}: nobody but the outcome). */
    private record Outgoing(ProducerRecord<byte[], byte[]> record, Supplier<Producer<byte[], byte[]>> producer,
            CompletableFuture<RecordMetadata> acknowledged) {
    }

    private static RecordOutcome failed(List<JoinedSends.Send> joined, Throwable failure) {
        JoinedSends.fail(joined, failure);
        return RecordOutcome.failed(failure);
    }

    private RecordOutcome send(ConsumerRecord<byte[], byte[]> input, List<Outgoing> records, HandlerInterceptor.Invocation invocation) {
        if (records.isEmpty()) {
            return RecordOutcome.completed();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger(records.size());
        for (int i = 0; i < records.size(); i++) {
            Outgoing out = records.get(i);
            Callback acknowledged = (metadata, error) -> {
                if (error != null) {
                    OutputPublishException refused = new OutputPublishException(handlerId, out.record().topic(),
                            RecordCoordinates.of(input), error);
                    if (out.acknowledged() != null) {
                        out.acknowledged().completeExceptionally(refused);
                    }
                    done.completeExceptionally(refused);
                    return;
                }
                observer.published(handlerId, out.record().topic());
                if (out.acknowledged() != null) {
                    out.acknowledged().complete(metadata);
                }
                if (outstanding.decrementAndGet() == 0) {
                    done.complete(null);
                }
            };
            try {
                invocation.beforePublish(out.record());
                out.producer().get().send(out.record(), acknowledged);
            } catch (RuntimeException e) {
                acknowledged.onCompletion(null, e);
                records.subList(i + 1, records.size()).stream().map(Outgoing::acknowledged).filter(Objects::nonNull)
                        .forEach(unsent -> unsent.completeExceptionally(e));
                return RecordOutcome.completedWhen(done); // not all queued: the lane waits for the retry
            }
        }
        return new RecordOutcome(HANDED_OFF, done); // queued: the producer now keeps their order
    }

    private ProducerRecord<byte[], byte[]> toRecord(ConsumerRecord<byte[], byte[]> input, Object value) {
        if (!(value instanceof Message<?> message)) {
            return new ProducerRecord<>(outputTopic, input.key(), converters.write(value));
        }
        String topic = message.topic() != null ? message.topic() : outputTopic;
        if (topic == null) {
            throw new KClientException("Handler '" + handlerId + "' returned a Message without a topic and has no "
                    + "@OutputProducer topic: set Message.topic(...) or add @OutputProducer(topic = ...)");
        }
        return OutputRecords.of(message, topic, input.key(), converters);
    }
}
