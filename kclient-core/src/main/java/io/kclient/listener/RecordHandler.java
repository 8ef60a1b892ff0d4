package io.kclient.listener;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a container runs for each record. The container knows nothing of methods or annotations:
 * it only learns, through the returned stage, when a record is done.
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Handles one record. The stage completes normally once the record is done (its handler
     * returned and every record it published was acknowledged), or exceptionally with the
     * failure; it may complete on any thread.
     */
    CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record);
}
