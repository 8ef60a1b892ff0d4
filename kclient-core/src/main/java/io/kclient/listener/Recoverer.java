package io.kclient.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What happens to a record whose handling failed for good: an error handler, a dead-letter topic. */
@FunctionalInterface
public interface Recoverer {

    /** Disposes of the failed record; the record is done once the stage completes normally. */
    CompletionStage<Void> recover(ConsumerRecord<byte[], byte[]> record, Throwable failure);

    /** As {@link #recover}, with an exception or error thrown instead of returned turned into a failed stage. */
    default CompletionStage<Void> recoverSafely(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        try {
            return recover(record, failure);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
