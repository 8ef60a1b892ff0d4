package io.kclient.listener;

import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.producer.TransactionalOutput;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The exactly-once side of a container: the poll under way runs in one transaction of the
 * container's {@link TransactionalOutput}. A handler that throws is retried and dead-lettered
 * inside the transaction as usual. A send that fails is different: Kafka then refuses to commit
 * the transaction, so the batch has failed; records not yet finished are given up at once, the
 * container aborts and reads the batch again. The record whose output was refused first is
 * remembered, and when it comes again it goes straight to its dead letter instead of its output, so
 * one record that can never be published (too large, a topic it may not write) cannot abort every
 * batch. Only the first refusal of a batch is remembered: after it Kafka fails every other send of
 * the transaction with the same error, through no fault of their records.
 */
final class TransactionalBatch {

    private final TransactionalOutput output;
    private final Map<TopicPartition, Map<Long, OutputPublishException>> refused = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The batch's earliest refused output: the record that failed the transaction for the others. */
    private final AtomicReference<OutputPublishException> firstRefusal = new AtomicReference<>();

    TransactionalBatch(TransactionalOutput output) {
        this.output = output;
    }

    void start() {
        refused.clear();
        failure.set(null);
        firstRefusal.set(null);
        output.start();
    }

    /** Opens the batch's transaction before its first record is dispatched. */
    void beginIfNone() {
        if (!output.inTransaction()) {
            failure.set(null);
            output.beginIfNone();
        }
    }

    boolean inTransaction() {
        return output.inTransaction();
    }

    /** Whether a send of this batch failed, so its transaction can only be aborted. */
    boolean failed() {
        return failure.get() != null;
    }

    Throwable failure() {
        return failure.get();
    }

    /**
     * The handler's call, with refused outputs marking the batch failed and a record refused
     * before dead-lettered when it comes again.
     */
    Handling.Call guard(Handling.Call call) {
        return (record, attempt) -> {
            OutputPublishException known = refusedBefore(record);
            if (known != null) {
                attempt.failed(known); // no retry (see the container's predicate): its dead letter
            } else {
                call.attempt(record, watch(attempt));
            }
        };
    }

    /** {@code attempt}, with a failure that is a refused output marking the batch failed. */
    Attempt watch(Attempt attempt) {
        return new Attempt() {
            @Override
            public void handedOff() {
                attempt.handedOff();
            }

            @Override
            public void done() {
                attempt.done();
            }

            @Override
            public void failed(Throwable failure) {
                if (RecordOutcome.cause(failure) instanceof OutputPublishException refusal) {
                    fail(refusal);
                    // which refusal arrives here first is a race; which was reported first is not
                    firstRefusal.accumulateAndGet(refusal,
                            (earliest, next) -> earliest == null || next.reportedAtNanos() < earliest.reportedAtNanos() ? next : earliest);
                }
                attempt.failed(failure);
            }
        };
    }

    /** The batch cannot commit: its transaction is aborted when it ends. */
    void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
    }

    /** The recoverer, with a dead letter that could not be sent marking the batch failed. */
    Recoverer guard(Recoverer recoverer) {
        return (record, cause) -> recoverer.recover(record, cause).whenComplete((ok, error) -> {
            if (error != null) {
                fail(RecordOutcome.cause(error));
            }
        });
    }

    /** Commits the batch's outputs and dead letters together with its offsets. */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        output.commit(offsets, group);
    }

    /** Aborts the transaction; the record that failed it is dead-lettered when the batch comes again. */
    void abort() {
        output.abort();
        OutputPublishException refusal = firstRefusal.getAndSet(null);
        if (refusal != null) {
            RecordCoordinates record = refusal.record();
            refused.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ConcurrentHashMap<>())
                    .put(record.offset(), refusal);
        }
    }

    void stop(Duration timeout) {
        output.stop(timeout);
    }

    /** A partition that went: its next owner learns of refused records by meeting them itself. */
    void forget(TopicPartition partition) {
        refused.remove(partition);
    }

    /** The refusal of {@code record}'s output that failed an earlier transaction, once; {@code null} for any other record. */
    OutputPublishException refusedBefore(ConsumerRecord<byte[], byte[]> record) {
        Map<Long, OutputPublishException> ofPartition = refused.get(new TopicPartition(record.topic(), record.partition()));
        return ofPartition == null ? null : ofPartition.remove(record.offset());
    }
}
