package io.kclient.deadletter;

import static io.kclient.clients.TextHeaders.put;
import static io.kclient.clients.TextHeaders.text;

import io.kclient.listener.DeadLetterPublisher;
import io.kclient.listener.RetryHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What a redriven record carries about its redrives. A redriven record that fails again keeps them
 * in its new dead letter, so its count goes on.
 */
public final class RedriveHeaders {

    /** How often the record was redriven, this time included. */
    public static final String COUNT = "kclient-redrive-count";
    /** The dead letter it was redriven from: {@code topic-partition@offset}. */
    public static final String DEAD_LETTER = "kclient-redrive-dead-letter";
    /** The exception class it had failed with. */
    public static final String FAILURE = "kclient-redrive-failure";
    /** When it was redriven, epoch milliseconds. */
    public static final String AT = "kclient-redrive-at";

    private RedriveHeaders() {
    }

    /** How often a record was redriven: 0 when it never was, or its header is not a number. */
    public static int count(Headers headers) {
        try {
            String count = text(headers, COUNT);
            return count == null ? 0 : Math.max(0, Integer.parseInt(count));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    /**
     * The headers a dead letter goes back to its topic with: the original record's own (a trace
     * context among them), without what the dead-letter topic and retry topics added, with these.
     */
    static Headers forRedrive(ConsumerRecord<byte[], byte[]> deadLetter, long nowMillis) {
        Headers headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith(DeadLetterPublisher.HEADER_PREFIX) && !header.key().startsWith(RetryHeaders.PREFIX)) {
                headers.add(header);
            }
        }
        put(headers, COUNT, Integer.toString(count(deadLetter.headers()) + 1));
        put(headers, DEAD_LETTER, coordinates(deadLetter));
        String failure = text(deadLetter.headers(), DeadLetterPublisher.EXCEPTION_CLASS);
        if (failure != null) {
            put(headers, FAILURE, failure);
        }
        put(headers, AT, Long.toString(nowMillis));
        return headers;
    }

    /** {@code topic-partition@offset}, as KClient names a record everywhere. */
    static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
