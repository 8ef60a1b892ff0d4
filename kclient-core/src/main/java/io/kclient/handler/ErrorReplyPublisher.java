package io.kclient.handler;

import io.kclient.convert.PayloadConverters;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request whose handler failed for good with an error reply, so its caller learns at
 * once instead of at its timeout. Best effort: the record's fate is its dead letter, and a caller
 * that misses the error reply still gets its timeout.
 */
public final class ErrorReplyPublisher {

    private static final Logger log = LoggerFactory.getLogger(ErrorReplyPublisher.class);

    private final Supplier<Producer<byte[], byte[]>> producer;
    private final Replies replies;

    /** @param producer the reply producer, asked for each reply (an exactly-once handler's changes per run) */
    public ErrorReplyPublisher(Supplier<Producer<byte[], byte[]>> producer, PayloadConverters converters) {
        this.producer = producer;
        this.replies = new Replies(converters);
    }

    /** Sends the error reply if the record is a request; does nothing otherwise. */
    public void replyIfRequest(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        if (!Replies.isRequest(record)) {
            return;
        }
        try {
            producer.get().send(replies.errorReply(record, failure), (metadata, error) -> {
                if (error != null) {
                    log.warn("Could not send the error reply to request {}-{}@{}: {}", record.topic(), record.partition(),
                            record.offset(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not send the error reply to request {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }
}
