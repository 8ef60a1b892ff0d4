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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

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
 * result belongs to the caller.
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
     */
    void publish(ConsumerRecord<byte[], byte[]> input, Object result, HandlerInterceptor.Invocation invocation, Attempt attempt) {
        if (result instanceof CompletionStage<?> pending) {
            pending.whenComplete((value, failure) -> {
                if (failure == null) {
                    publish(input, value, invocation, attempt);
                } else {
                    attempt.failed(new HandlerExecutionException(handlerId, RecordCoordinates.of(input), RecordOutcome.cause(failure)));
                }
            });
            return;
        }
        if (Replies.isRequest(input)) {
            answer(input, result, invocation, attempt);
            return;
        }
        if (result == null || repliesOnly) {
            attempt.handedOff();
            attempt.done();
            return;
        }
        List<ProducerRecord<byte[], byte[]>> records;
        try {
            if (result instanceof Collection<?> values) {
                records = new ArrayList<>(values.size());
                for (Object value : values) {
                    records.add(toRecord(input, value));
                }
            } else {
                records = List.of(toRecord(input, result));
            }
        } catch (RuntimeException e) {
            attempt.failed(e);
            return;
        }
        send(input, records, producer, invocation, attempt);
    }

    /** A request gets one reply, even for {@code null}: the caller waits for it. */
    private void answer(ConsumerRecord<byte[], byte[]> request, Object result, HandlerInterceptor.Invocation invocation,
            Attempt attempt) {
        ProducerRecord<byte[], byte[]> reply;
        try {
            reply = replies.reply(request, result);
        } catch (RuntimeException e) {
            attempt.failed(e);
            return;
        }
        send(request, List.of(reply), replyProducer, invocation, attempt);
    }

    private void send(ConsumerRecord<byte[], byte[]> input, List<ProducerRecord<byte[], byte[]>> records,
            Supplier<Producer<byte[], byte[]>> producer, HandlerInterceptor.Invocation invocation, Attempt attempt) {
        if (records.isEmpty()) {
            attempt.handedOff();
            attempt.done();
            return;
        }
        Producer<byte[], byte[]> sender = producer.get();
        Acknowledgements acknowledgements = new Acknowledgements(input, records, attempt);
        for (ProducerRecord<byte[], byte[]> record : records) {
            try {
                invocation.beforePublish(record);
                sender.send(record, records.size() == 1 ? acknowledgements : acknowledgements.of(record.topic()));
            } catch (RuntimeException e) {
                acknowledgements.failed(record.topic(), e); // not all queued: the key waits for the retry
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
        byte[] key = message.hasKey() ? converters.write(message.key()) : input.key();
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, byte[]> header : message.headers().entrySet()) {
            headers.add(header.getKey(), header.getValue());
        }
        return new ProducerRecord<>(topic, null, key, converters.write(message.value()), headers);
    }

    private TopicObserver publishedTo(String topic) {
        return topic.equals(outputTopic) ? outputs : published.computeIfAbsent(topic, name -> observer.topic(handlerId, name));
    }

    /**
     * The broker's answers for one input's outputs: the attempt is done when all of them were
     * acknowledged, and fails at the first refusal (later answers are ignored). One object per
     * input record, its callback when the record has one output.
     */
    private final class Acknowledgements implements Callback {

        private static final AtomicIntegerFieldUpdater<Acknowledgements> OUTSTANDING =
                AtomicIntegerFieldUpdater.newUpdater(Acknowledgements.class, "outstanding");

        private final ConsumerRecord<byte[], byte[]> input;
        private final Attempt attempt;
        private volatile int outstanding;
        /** The topic of the first output: the only one when this is its callback. */
        private final String topic;

        Acknowledgements(ConsumerRecord<byte[], byte[]> input, List<ProducerRecord<byte[], byte[]>> outputs, Attempt attempt) {
            this.input = input;
            this.attempt = attempt;
            this.outstanding = outputs.size();
            this.topic = outputs.get(0).topic();
        }

        /** The callback of one of several outputs, which names its topic. */
        Callback of(String outputTopic) {
            return (metadata, error) -> acknowledged(outputTopic, error);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            acknowledged(topic, error);
        }

        void failed(String outputTopic, Exception error) {
            acknowledged(outputTopic, error);
        }

        private void acknowledged(String outputTopic, Exception error) {
            if (error != null) {
                if (OUTSTANDING.getAndSet(this, -1) > 0) {
                    attempt.failed(new OutputPublishException(handlerId, outputTopic, RecordCoordinates.of(input), error));
                }
                return;
            }
            publishedTo(outputTopic).published(1);
            if (OUTSTANDING.decrementAndGet(this) == 0) {
                attempt.done();
            }
        }
    }
}
