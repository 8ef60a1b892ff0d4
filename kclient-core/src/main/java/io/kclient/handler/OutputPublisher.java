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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

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
 * result belongs to the caller.
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

    /** @param invocation sees each output record before it is sent (its interceptors may add headers) */
    RecordOutcome publish(ConsumerRecord<byte[], byte[]> input, Object result, HandlerInterceptor.Invocation invocation) {
        if (result instanceof CompletionStage<?> pending) {
            CompletableFuture<RecordOutcome> published = pending.handle((value, failure) -> failure == null
                    ? publish(input, value, invocation)
                    : RecordOutcome.failed(new HandlerExecutionException(handlerId, RecordCoordinates.of(input),
                            RecordOutcome.cause(failure)))).toCompletableFuture();
            return new RecordOutcome(published.thenCompose(RecordOutcome::handled),
                    published.thenCompose(RecordOutcome::done));
        }
        if (Replies.isRequest(input)) {
            return answer(input, result, invocation);
        }
        if (result == null || repliesOnly) {
            return RecordOutcome.completed();
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try {
            if (result instanceof Collection<?> values) {
                for (Object value : values) {
                    records.add(toRecord(input, value));
                }
            } else {
                records.add(toRecord(input, result));
            }
        } catch (RuntimeException e) {
            return RecordOutcome.failed(e);
        }
        return send(input, records, producer, invocation);
    }

    /** A request gets one reply, even for {@code null}: the caller waits for it. */
    private RecordOutcome answer(ConsumerRecord<byte[], byte[]> request, Object result, HandlerInterceptor.Invocation invocation) {
        ProducerRecord<byte[], byte[]> reply;
        try {
            reply = replies.reply(request, result);
        } catch (RuntimeException e) {
            return RecordOutcome.failed(e);
        }
        return send(request, List.of(reply), replyProducer, invocation);
    }

    private RecordOutcome send(ConsumerRecord<byte[], byte[]> input, List<ProducerRecord<byte[], byte[]>> records,
            Supplier<Producer<byte[], byte[]>> producer, HandlerInterceptor.Invocation invocation) {
        if (records.isEmpty()) {
            return RecordOutcome.completed();
        }
        Producer<byte[], byte[]> sender = producer.get();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger(records.size());
        for (ProducerRecord<byte[], byte[]> record : records) {
            Callback acknowledged = (metadata, error) -> {
                if (error != null) {
                    done.completeExceptionally(new OutputPublishException(handlerId, record.topic(), RecordCoordinates.of(input), error));
                    return;
                }
                observer.published(handlerId, record.topic());
                if (outstanding.decrementAndGet() == 0) {
                    done.complete(null);
                }
            };
            try {
                invocation.beforePublish(record);
                sender.send(record, acknowledged);
            } catch (RuntimeException e) {
                acknowledged.onCompletion(null, e);
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
        byte[] key = message.hasKey() ? converters.write(message.key()) : input.key();
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, byte[]> header : message.headers().entrySet()) {
            headers.add(header.getKey(), header.getValue());
        }
        return new ProducerRecord<>(topic, null, key, converters.write(message.value()), headers);
    }
}
