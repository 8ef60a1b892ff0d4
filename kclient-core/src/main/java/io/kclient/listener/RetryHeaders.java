package io.kclient.listener;

import static io.kclient.clients.TextHeaders.put;
import static io.kclient.clients.TextHeaders.text;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What a record on a retry topic carries about its journey: where it first came from, which retry
 * topic it is on, and when it is due. Read only from a record that really is on the retry topic its
 * headers name, so a record written elsewhere with forged headers is an ordinary record.
 *
 * @param originalTopic the topic the record was first consumed from
 * @param originalPartition its partition there
 * @param originalOffset its offset there
 * @param originalTimestamp its timestamp there
 * @param attempt which retry topic the record is on, from 1
 * @param dueMillis when it may be tried again, in epoch milliseconds
 */
public record RetryHeaders(String originalTopic, int originalPartition, long originalOffset, long originalTimestamp,
        int attempt, long dueMillis) {

    /** What every retry header begins with; a redrive removes them. */
    public static final String PREFIX = "kclient-retry-";
    public static final String ORIGINAL_TOPIC = "kclient-retry-original-topic";
    public static final String ORIGINAL_PARTITION = "kclient-retry-original-partition";
    public static final String ORIGINAL_OFFSET = "kclient-retry-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kclient-retry-original-timestamp";
    public static final String ATTEMPT = "kclient-retry-attempt";
    public static final String DUE = "kclient-retry-due";

    /** The retry topic of {@code topic} for the {@code attempt}-th retry: {@code <topic>.retry-<attempt>}. */
    public static String retryTopic(String topic, int attempt) {
        return topic + ".retry-" + attempt;
    }

    /** The headers of a record on a retry topic; empty for any other record. */
    static Optional<RetryHeaders> of(ConsumerRecord<?, ?> record) {
        Headers headers = record.headers();
        String topic = text(headers, ORIGINAL_TOPIC);
        String attempt = text(headers, ATTEMPT);
        if (topic == null || attempt == null || !record.topic().equals(retryTopic(topic, parseInt(attempt)))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RetryHeaders(topic, Integer.parseInt(text(headers, ORIGINAL_PARTITION)),
                    Long.parseLong(text(headers, ORIGINAL_OFFSET)), Long.parseLong(text(headers, ORIGINAL_TIMESTAMP)),
                    Integer.parseInt(attempt), Long.parseLong(text(headers, DUE))));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }

    /** Writes these headers over any of the same names. */
    void writeTo(Headers headers) {
        put(headers, ORIGINAL_TOPIC, originalTopic);
        put(headers, ORIGINAL_PARTITION, Integer.toString(originalPartition));
        put(headers, ORIGINAL_OFFSET, Long.toString(originalOffset));
        put(headers, ORIGINAL_TIMESTAMP, Long.toString(originalTimestamp));
        put(headers, ATTEMPT, Integer.toString(attempt));
        put(headers, DUE, Long.toString(dueMillis));
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException malformed) {
            return -1;
        }
    }
}
