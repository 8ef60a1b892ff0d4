package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.producer.TransactionalOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Map<Long, Attempt> attempts = new HashMap<>();
        Handling.Call guarded = batch.guard((record, attempt) -> {
            handled.add(record.offset());
            attempts.put(record.offset(), attempt);
        });
        guarded.attempt(record(10), new Recorded());
        guarded.attempt(record(1), new Recorded());
        attempts.get(1L).failed(refusal(record(1), // its refusal reaches the batch before record 10's
                new KafkaException("Cannot execute transactional method because we are in an error state", tooLarge)));
        attempts.get(10L).failed(ownRefusal);
        assertThat(batch.failed()).isTrue();
        batch.abort();

        handled.clear();
        Recorded again1 = new Recorded();
        Recorded again10 = new Recorded();
        guarded.attempt(record(1), again1);
        guarded.attempt(record(10), again10);

        assertThat(handled).as("handled again: every record but the one refused for itself").containsExactly(1L);
        assertThat(again1.failure).isNull();
        assertThat(again10.failure).as("straight to its dead letter").isSameAs(ownRefusal);
    }

    /** An attempt that only remembers how it failed. */
    private static final class Recorded implements Attempt {

        Throwable failure;

        @Override
        public void handedOff() {
        }

        @Override
        public void done() {
        }

        @Override
        public void failed(Throwable failure) {
            this.failure = failure;
        }
    }

    private static OutputPublishException refusal(ConsumerRecord<byte[], byte[]> record, Exception cause) {
        return new OutputPublishException("h", "cats", RecordCoordinates.of(record), cause);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>("dogs", 0, offset, new byte[] {1}, new byte[] {2});
    }
}
