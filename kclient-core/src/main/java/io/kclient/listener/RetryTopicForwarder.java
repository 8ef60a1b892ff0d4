package io.kclient.listener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-blocking retries: instead of giving a failed record up, sends it (key, value, headers) to the
 * next retry topic with {@link RetryHeaders} saying when it is due, and lets its offset move on.
 * After the last retry topic, or for a failure not worth retrying, the record goes to the final
 * {@link Recoverer} (error handler, dead-letter topic) as it was on its original topic, so error
 * handlers match it and the dead letter names where it first came from.
 */
public final class RetryTopicForwarder implements Recoverer {

    private static final Logger log = LoggerFactory.getLogger(RetryTopicForwarder.class);

    private final List<Duration> delays;
    private final Supplier<Producer<byte[], byte[]>> producer;
    private final RetryRule rule;
    private final Recoverer last;
    private final Clock clock;

    /**
     * @param delays the wait before each retry topic's attempt
     * @param producer sends to the retry topics
     * @param retryable which failures are worth a retry topic
     * @param last what becomes of a record after its last retry topic
     * @param clock tells the due times
     */
    public RetryTopicForwarder(List<Duration> delays, Supplier<Producer<byte[], byte[]>> producer,
            Predicate<Throwable> retryable, Recoverer last, Clock clock) {
        this.delays = List.copyOf(delays);
        this.producer = producer;
        this.rule = new RetryRule(this.delays.size(), retryable); // a try per retry topic
        this.last = last;
        this.clock = clock;
    }

    /** The retry topics of {@code topic}, in the order a record goes through them. */
    public static List<String> retryTopics(String topic, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(attempt -> RetryHeaders.retryTopic(topic, attempt)).toList();
    }

    @Override
    public CompletionStage<Void> recover(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        Optional<RetryHeaders> retried = RetryHeaders.of(record);
        int attempt = retried.map(RetryHeaders::attempt).orElse(0);
        if (!rule.triesAgain(attempt, failure)) {
            return last.recoverSafely(retried.map(journey -> asOriginal(record, journey)).orElse(record), failure);
        }
        RetryHeaders next = new RetryHeaders(
                retried.map(RetryHeaders::originalTopic).orElse(record.topic()),
                retried.map(RetryHeaders::originalPartition).orElse(record.partition()),
                retried.map(RetryHeaders::originalOffset).orElse(record.offset()),
                retried.map(RetryHeaders::originalTimestamp).orElse(record.timestamp()),
                attempt + 1, clock.millis() + delays.get(attempt).toMillis());
        Headers headers = new RecordHeaders(record.headers().toArray());
        next.writeTo(headers);
        String topic = RetryHeaders.retryTopic(next.originalTopic(), next.attempt());
        log.info("Record {}-{}@{} failed ({}); trying it again from {} in {}", record.topic(), record.partition(),
                record.offset(), RecordOutcome.cause(failure).toString(), topic, delays.get(attempt));
        return DeadLetterPublisher.send(producer.get(), new ProducerRecord<>(topic, null, record.key(), record.value(), headers));
    }

    /** The record as it was on its original topic, with the headers of its journey. */
    private static ConsumerRecord<byte[], byte[]> asOriginal(ConsumerRecord<byte[], byte[]> record, RetryHeaders journey) {
        return new ConsumerRecord<>(journey.originalTopic(), journey.originalPartition(), journey.originalOffset(),
                journey.originalTimestamp(), TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE,
                record.key(), record.value(), new RecordHeaders(record.headers().toArray()), Optional.empty());
    }
}
