package io.kclient.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a container runs for each record. The container knows nothing of methods or annotations:
 * it only learns, through the returned {@link RecordOutcome}, when a record is done.
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Handles one record. The outcome says when its lane may move on and when it is done (its
     * handler returned and every record it published was acknowledged) or failed; its stages may
     * complete on any thread.
     */
    RecordOutcome handle(ConsumerRecord<byte[], byte[]> record);

    /** As {@link #handle}, with an exception thrown instead of returned turned into a failed outcome. */
    default RecordOutcome handleSafely(ConsumerRecord<byte[], byte[]> record) {
        try {
            return handle(record);
        } catch (RuntimeException e) {
            return RecordOutcome.failed(e);
        }
    }
}
