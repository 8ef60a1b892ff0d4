package io.kclient.handler;

import io.kclient.HandlerExecutionException;
import io.kclient.KClientException;
import io.kclient.Message;
import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.convert.PayloadConverters;
import io.kclient.listener.Attempt;
import io.kclient.listener.RecordOutcome;
import io.kclient.observe.HandlerObserver;
import io.kclient.observe.TopicObserver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes what a handler returned: nothing for {@code null}, one record per value or per
 * element of a {@code Collection}, a future's value once it completes, and a {@link Message} as
 * it says. Sends never block: the attempt is handed off once every send is queued, and done when
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

    private final Supplier<Producer<byte[], byte[]>> producer;
    private final Supplier<Producer<byte[], byte[]>> replyProducer;
    private final PayloadConverters converters;
    private final Replies replies;
    private final String outputTopic;
    private final boolean repliesOnly;
    private final String handlerId;
    private final HandlerObserver observer;
    /** The observer of each topic outputs went to, asked for once per topic. */
    private final Map<String, TopicObserver> published = new ConcurrentHashMap<>();
    private final TopicObserver outputs;

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
        this.outputs = outputTopic == null ? TopicObserver.NONE : observer.topic(handlerId, outputTopic);
    }

    /**
     * Publishes {@code result}, the handler's return value for {@code input}, and reports to
     * {@code attempt}: handed off once every output is queued, done once every output is acknowledged.
     *
     * @param invocation sees each output record before it is sent (its interceptors may add headers)
     * @param joined what the handler sent through the publisher during its call: sent first, through
     *     the output producer, with the result
     */
    void publish(ConsumerRecord<byte[], byte[]> input, Object result, HandlerInterceptor.Invocation invocation,
            List<JoinedSends.Send> joined, Attempt attempt) {
        if (result instanceof CompletionStage<?> pending) {
            pending.whenComplete((value, failure) -> {
                if (failure == null) {
                    publish(input, value, invocation, joined, attempt);
                } else {
                    failed(joined, attempt, new HandlerExecutionException(handlerId, RecordCoordinates.of(input),
                            RecordOutcome.cause(failure)));
                }
            });
            return;
        }
        List<Outgoing> outgoing;
        try {
            outgoing = outgoing(input, result, joined);
        } catch (RuntimeException e) {
            failed(joined, attempt, e);
            return;
        }
        send(input, outgoing, invocation, attempt);
    }

    /** The records to send for {@code result}, the joined sends first; a request gets one reply, even for {@code null}. */
    private List<Outgoing> outgoing(ConsumerRecord<byte[], byte[]> input, Object result, List<JoinedSends.Send> joined) {
        boolean request = Replies.isRequest(input);
        if (joined.isEmpty() && !(result instanceof Collection<?>)) { // the usual case: one record, or none
            if (request) {
                return List.of(new Outgoing(replies.reply(input, result), replyProducer, null));
            }
            return result == null || repliesOnly ? List.of() : List.of(new Outgoing(toRecord(input, result), producer, null));
        }
        List<Outgoing> outgoing = new ArrayList<>();
        joined.forEach(send -> outgoing.add(new Outgoing(send.record(), producer, send.acknowledged())));
        if (request) {
            outgoing.add(new Outgoing(replies.reply(input, result), replyProducer, null));
        } else if (result instanceof Collection<?> values && !repliesOnly) {
            for (Object value : values) {
                outgoing.add(new Outgoing(toRecord(input, value), producer, null));
            }
        } else if (result != null && !repliesOnly) {
            outgoing.add(new Outgoing(toRecord(input, result), producer, null));
        }
        return outgoing;
    }

    /** A record to send, its producer, and whom to tell of its acknowledgement ({@code null}: nobody but the attempt). */
    private record Outgoing(ProducerRecord<byte[], byte[]> record, Supplier<Producer<byte[], byte[]>> producer,
            CompletableFuture<RecordMetadata> acknowledged) {
    }

    private static void failed(List<JoinedSends.Send> joined, Attempt attempt, Throwable failure) {
        JoinedSends.fail(joined, failure);
        attempt.failed(failure);
    }

    private void send(ConsumerRecord<byte[], byte[]> input, List<Outgoing> records, HandlerInterceptor.Invocation invocation,
            Attempt attempt) {
        if (records.isEmpty()) {
            attempt.handedOff();
            attempt.done();
            return;
        }
        Acknowledgements acknowledgements = new Acknowledgements(input, records, attempt);
        for (int i = 0; i < records.size(); i++) {
            Outgoing out = records.get(i);
            try {
                invocation.beforePublish(out.record());
                out.producer().get().send(out.record(),
                        records.size() == 1 && out.acknowledged() == null ? acknowledgements : acknowledgements.of(out));
            } catch (RuntimeException e) {
                acknowledgements.acknowledged(out, e); // not all queued: the key waits for the retry
                records.subList(i, records.size()).forEach(unsent -> { // the refused one too: its sender waits on it
                    if (unsent.acknowledged() != null) {
                        unsent.acknowledged().completeExceptionally(e);
                    }
                });
                return;
            }
        }
        attempt.handedOff(); // queued: the producer now keeps their order
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

    private TopicObserver publishedTo(String topic) {
        return topic.equals(outputTopic) ? outputs : published.computeIfAbsent(topic, name -> observer.topic(handlerId, name));
    }

    /**
     * The broker's answers for one input's outputs: the attempt is done when all of them were
     * acknowledged, and fails at the first refusal (later answers are ignored). One object per
     * input record, its callback when the record has one plain output.
     */
    private final class Acknowledgements implements Callback {

        private static final AtomicIntegerFieldUpdater<Acknowledgements> OUTSTANDING =
                AtomicIntegerFieldUpdater.newUpdater(Acknowledgements.class, "outstanding");

        private final ConsumerRecord<byte[], byte[]> input;
        private final Attempt attempt;
        private volatile int outstanding;
        /** The first output: the only one when this is its callback. */
        private final Outgoing only;

        Acknowledgements(ConsumerRecord<byte[], byte[]> input, List<Outgoing> outputs, Attempt attempt) {
            this.input = input;
            this.attempt = attempt;
            this.outstanding = outputs.size();
            this.only = outputs.get(0);
        }

        /** The callback of one output among several, or of one whose sender waits on it. */
        Callback of(Outgoing out) {
            return (metadata, error) -> {
                if (out.acknowledged() != null) {
                    if (error == null) {
                        out.acknowledged().complete(metadata);
                    } else {
                        out.acknowledged().completeExceptionally(refusal(out, error));
                    }
                }
                acknowledged(out, error);
            };
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            acknowledged(only, error);
        }

        void acknowledged(Outgoing out, Exception error) {
            if (error != null) {
                if (OUTSTANDING.getAndSet(this, -1) > 0) {
                    attempt.failed(refusal(out, error));
                }
                return;
            }
            publishedTo(out.record().topic()).published(1);
            if (OUTSTANDING.decrementAndGet(this) == 0) {
                attempt.done();
            }
        }

        private OutputPublishException refusal(Outgoing out, Exception error) {
            return new OutputPublishException(handlerId, out.record().topic(), RecordCoordinates.of(input), error);
        }
    }
}
