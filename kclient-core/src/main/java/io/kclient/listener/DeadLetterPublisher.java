package io.kclient.listener;

import static io.kclient.clients.TextHeaders.put;

import io.kclient.HandlerExecutionException;
import io.kclient.observe.HandlerObserver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a failed record, unchanged (key, value, headers), to its dead-letter topic, with headers
 * that say why it failed and where it came from. The record is done only once the dead-letter
 * topic acknowledged it.
 */
public final class DeadLetterPublisher implements Recoverer {

    public static final String EXCEPTION_CLASS = "kclient-dlt-exception-class";
    public static final String EXCEPTION_MESSAGE = "kclient-dlt-exception-message";
    public static final String EXCEPTION_STACKTRACE = "kclient-dlt-exception-stacktrace";
    public static final String ORIGINAL_TOPIC = "kclient-dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kclient-dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kclient-dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kclient-dlt-original-timestamp";
    /** The handler that gave the record up: a dead-letter topic may serve several handlers of one topic. */
    public static final String HANDLER = "kclient-dlt-handler";
    /** What every header this publisher writes begins with; a redrive removes them. */
    public static final String HEADER_PREFIX = "kclient-dlt-";

    /** Stack traces are cut here so one failure cannot make a record larger than the broker accepts. */
    private static final int MAX_STACKTRACE_CHARS = 8 * 1024;

    private final Supplier<Producer<byte[], byte[]>> producer;
    private final UnaryOperator<String> deadLetterTopicOf;
    private final String handlerId;
    private final HandlerObserver observer;

    /**
     * @param producer the producer that sends dead letters
     * @param deadLetterTopicOf the dead-letter topic of a record's topic
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, UnaryOperator<String> deadLetterTopicOf) {
        this(() -> producer, deadLetterTopicOf, null, HandlerObserver.NONE);
    }

    /**
     * @param producer the producer that sends dead letters, asked for each one: a transactional
     *        handler's dead letters go in its current transaction
     * @param deadLetterTopicOf the dead-letter topic of a record's topic
     * @param handlerId the handler whose records these are, for the observer
     * @param observer hears of each dead letter the broker acknowledged
     */
    public DeadLetterPublisher(Supplier<Producer<byte[], byte[]>> producer, UnaryOperator<String> deadLetterTopicOf,
            String handlerId, HandlerObserver observer) {
        this.producer = producer;
        this.deadLetterTopicOf = deadLetterTopicOf;
        this.handlerId = handlerId;
        this.observer = observer;
    }

    @Override
    public CompletionStage<Void> recover(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        Throwable cause = HandlerExecutionException.handlerCause(failure);
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, EXCEPTION_CLASS, cause.getClass().getName());
        put(headers, EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()));
        put(headers, EXCEPTION_STACKTRACE, stackTrace(cause));
        put(headers, ORIGINAL_TOPIC, record.topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        put(headers, ORIGINAL_TIMESTAMP, Long.toString(record.timestamp()));
        if (handlerId != null) {
            put(headers, HANDLER, handlerId);
        }
        ProducerRecord<byte[], byte[]> deadLetter =
                new ProducerRecord<>(deadLetterTopicOf.apply(record.topic()), null, record.key(), record.value(), headers);
        return send(producer.get(), deadLetter).thenRun(() -> observer.deadLettered(handlerId, record.topic()));
    }

    /** Sends {@code record}; the stage completes when the broker acknowledged it. */
    static CompletionStage<Void> send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acknowledged.complete(null);
            } else {
                acknowledged.completeExceptionally(error);
            }
        });
        return acknowledged;
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() <= MAX_STACKTRACE_CHARS ? text : text.substring(0, MAX_STACKTRACE_CHARS);
    }
}
