package io.kclient.handler;

import io.kclient.HandlerExecutionException;
import io.kclient.KClientException;
import io.kclient.Message;
import io.kclient.RecordCoordinates;
import io.kclient.convert.PayloadConverters;
import io.kclient.listener.RecordOutcome;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes what a handler returned: nothing for {@code null}, one record per value or per
 * element of a {@code Collection}, a future's value once it completes, and a {@link Message} as
 * it says. Sends never block: the outcome is handed off once every send is queued, and done when
 * the broker acknowledged every record, which is when the input record may be committed.
 */
final class OutputPublisher {

    private static final CompletableFuture<Void> HANDED_OFF = CompletableFuture.completedFuture(null);

    private final Producer<byte[], byte[]> producer;
    private final PayloadConverters converters;
    private final String outputTopic;
    private final String handlerId;

    OutputPublisher(Producer<byte[], byte[]> producer, PayloadConverters converters, String outputTopic, String handlerId) {
        this.producer = producer;
        this.converters = converters;
        this.outputTopic = outputTopic;
        this.handlerId = handlerId;
    }

    RecordOutcome publish(ConsumerRecord<byte[], byte[]> input, Object result) {
        if (result == null) {
            return RecordOutcome.completed();
        }
        if (result instanceof CompletionStage<?> pending) {
            CompletableFuture<RecordOutcome> published = pending.handle((value, failure) -> failure == null
                    ? publish(input, value)
                    : RecordOutcome.failed(new HandlerExecutionException(handlerId, RecordCoordinates.of(input),
                            unwrap(failure)))).toCompletableFuture();
            return new RecordOutcome(published.thenCompose(RecordOutcome::handled),
                    published.thenCompose(RecordOutcome::done));
        }
        try {
            if (result instanceof Collection<?> values) {
                if (values.isEmpty()) {
                    return RecordOutcome.completed();
                }
                Acknowledgements acks = new Acknowledgements(values.size());
                for (Object value : values) {
                    producer.send(toRecord(input, value), acks);
                }
                return acks.outcome();
            }
            Acknowledgements ack = new Acknowledgements(1);
            producer.send(toRecord(input, result), ack);
            return ack.outcome();
        } catch (RuntimeException e) {
            return RecordOutcome.failed(e);
        }
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

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Completes once {@code expected} sends were acknowledged, or at the first failure. */
    private static final class Acknowledgements implements Callback {

        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicInteger outstanding;

        Acknowledgements(int expected) {
            outstanding = new AtomicInteger(expected);
        }

        /** Called once every send was queued: the producer now keeps their order. */
        RecordOutcome outcome() {
            return new RecordOutcome(HANDED_OFF, done);
        }

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
            if (error != null) {
                done.completeExceptionally(error);
            } else if (outstanding.decrementAndGet() == 0) {
                done.complete(null);
            }
        }
    }
}
