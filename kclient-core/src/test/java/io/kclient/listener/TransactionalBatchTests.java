package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.producer.TransactionalOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class TransactionalBatchTests {

    private final TransactionalBatch batch = new TransactionalBatch(new TransactionalOutput("tx", () -> {
        throw new AssertionError("no producer is needed to guard a handler");
    }));
    private final List<Long> handled = new ArrayList<>();

    /**
     * A record too large fails the transaction, and the producer then refuses the sends of the
     * batch's other records too. Whichever refusal reaches the batch first, the record refused for
     * itself is the one dead-lettered when the batch comes again; the others are handled again.
     */
    @Test
    void theRecordThatFailedTheTransactionIsDeadLetteredWhenItsBatchComesAgainNotTheOnesItFailed() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("200119 bytes");
        OutputPublishException ownRefusal = refusal(record(10), tooLarge); // reported first, by the send of record 10
        CompletableFuture<Void> record10Done = new CompletableFuture<>();
        RecordHandler guarded = batch.guard(record -> {
            handled.add(record.offset());
            if (record.offset() == 10) {
                return RecordOutcome.completedWhen(record10Done);
            }
            return RecordOutcome.failed(refusal(record,
                    new KafkaException("Cannot execute transactional method because we are in an error state", tooLarge)));
        });
        guarded.handle(record(10));
        guarded.handle(record(1)); // its refusal reaches the batch before record 10's
        record10Done.completeExceptionally(ownRefusal);
        assertThat(batch.failed()).isTrue();
        batch.abort();

        handled.clear();
        RecordOutcome again1 = guarded.handle(record(1));
        RecordOutcome again10 = guarded.handle(record(10));

        assertThat(handled).as("handled again: every record but the one refused for itself").containsExactly(1L);
        assertThat(again1.done()).isCompletedExceptionally();
        assertThat(again10.done().toCompletableFuture()).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).havingCause().isSameAs(ownRefusal);
    }

    private static OutputPublishException refusal(ConsumerRecord<byte[], byte[]> record, Exception cause) {
        return new OutputPublishException("h", "cats", RecordCoordinates.of(record), cause);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>("dogs", 0, offset, new byte[] {1}, new byte[] {2});
    }
}
