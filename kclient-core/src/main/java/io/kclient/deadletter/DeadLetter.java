package io.kclient.deadletter;

import static io.kclient.clients.TextHeaders.text;

import io.kclient.convert.Excerpt;
import io.kclient.listener.DeadLetterPublisher;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One dead letter of a handler, as an operator reads it.
 *
 * @param topic the dead-letter topic
 * @param partition its partition there
 * @param offset its offset there
 * @param deadLetteredAt when the handler gave it up (the dead letter's timestamp)
 * @param exceptionClass the failure's class, as the dead letter's headers name it
 * @param exceptionMessage the failure's message
 * @param originTopic the topic it failed on, where a redrive sends it
 * @param originPartition its partition there
 * @param originOffset its offset there
 * @param originTimestamp its timestamp there
 * @param redriveCount how often it was redriven before it failed this time: 0 the first time
 * @param key the key's start as text, control characters escaped; {@code null} without a key
 * @param payload the payload's start as text, control characters escaped; {@code null} for a tombstone
 * @param payloadBytes the payload's size
 * @param redriven whether a redrive of the handler already sent it back
 */
public record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, String exceptionClass,
        String exceptionMessage, String originTopic, Integer originPartition, Long originOffset, Instant originTimestamp,
        int redriveCount, String key, String payload, int payloadBytes, boolean redriven) {

    /** The dead letter a record of a dead-letter topic is; headers it lacks or cannot parse are {@code null}. */
    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, boolean redriven) {
        Headers headers = record.headers();
        String originTimestamp = text(headers, DeadLetterPublisher.ORIGINAL_TIMESTAMP);
        Long originMillis = number(originTimestamp);
        return new DeadLetter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                text(headers, DeadLetterPublisher.EXCEPTION_CLASS), text(headers, DeadLetterPublisher.EXCEPTION_MESSAGE),
                text(headers, DeadLetterPublisher.ORIGINAL_TOPIC), toInt(number(text(headers, DeadLetterPublisher.ORIGINAL_PARTITION))),
                number(text(headers, DeadLetterPublisher.ORIGINAL_OFFSET)), originMillis == null ? null : Instant.ofEpochMilli(originMillis),
                RedriveHeaders.count(headers), Excerpt.of(record.key()), Excerpt.of(record.value()),
                record.value() == null ? 0 : record.value().length, redriven);
    }

    /** Whether it was given up by handler {@code handlerId}: its header says so, or (written before the header was) says nothing. */
    static boolean belongsTo(ConsumerRecord<?, ?> record, String handlerId) {
        String handler = text(record.headers(), DeadLetterPublisher.HANDLER);
        return handler == null || handler.equals(handlerId);
    }

    /** {@code topic-partition@offset}, as KClient names a record. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException malformed) {
            return null;
        }
    }

    private static Integer toInt(Long value) {
        return value == null ? null : value.intValue();
    }
}
