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

    /**
     * As {@link #handle}, with an exception or error thrown instead of returned turned into a
     * failed outcome: an {@link Error} thrown around the handler's own method (by an interceptor,
     * a validator, argument resolution) fails the attempt like any failure, so the record is
     * retried or dead-lettered rather than left unfinished, holding its partition's offset.
     */
    default RecordOutcome handleSafely(ConsumerRecord<byte[], byte[]> record) {
        try {
            return handle(record);
        } catch (RuntimeException | Error e) {
            return RecordOutcome.failed(e);
        }
    }
}
