package io.kclient.listener;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll session whose every poll is one transaction of its {@link TransactionalBatch}: the poll's
 * records run in parallel in their lanes as usual, the poll thread waits on their completion (woken
 * as batches settle, never by sleeping), then commits their outputs, dead letters and offsets
 * together, or aborts and reads the poll's records again. Offsets never go through the consumer.
 */
final class ExactlyOnceSession extends PollSession {

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceSession.class);

    private final TransactionalBatch transactions;

    ExactlyOnceSession(HandlerContainer container, Consumer<byte[], byte[]> consumer, Workers workers, int lanesPerWorker,
            TransactionalBatch transactions) {
        super(container, consumer, workers, lanesPerWorker);
        this.transactions = transactions;
    }

    @Override
    protected void beforeDispatch(PollBatch batch) {
        transactions.beginIfNone();
    }

    /** Waits for every record of the poll, then ends its transaction; a stop ends it in {@link #drain()}. */
    @Override
    protected void afterPoll() {
        if (transactions.inTransaction() && awaitSettledWhileRunning(partitions())) {
            endTransaction();
        }
    }

    @Override
    protected void commit() {
        // offsets are committed only inside the poll's transaction
    }

    @Override
    protected boolean namesDone() {
        return false; // a transaction commits a poll whole: nothing done lies above its offsets
    }

    /** Revoked: the open transaction ends now, with what its records did, before the partitions go. */
    @Override
    protected void going(Collection<AssignedPartition> going) {
        awaitSettledOrWarn(partitions());
        endTransaction();
        going.forEach(partition -> transactions.forget(partition.partition));
    }

    /** Lost: the transaction cannot carry their offsets any more; it is aborted and the rest read again. */
    @Override
    protected void lost(Collection<AssignedPartition> lost) {
        if (transactions.inTransaction()) {
            transactions.fail(new IllegalStateException("partitions " + lost + " were lost"));
        }
        lost.forEach(partition -> transactions.forget(partition.partition));
    }

    @Override
    protected void drain() {
        List<AssignedPartition> owned = List.copyOf(partitions());
        awaitSettledOrWarn(owned); // retries go on: the transaction may still commit whole
        release(owned);
        endTransaction();
    }

    /**
     * Commits the open transaction with the poll's offsets if every record of it is done and every
     * send succeeded; otherwise aborts it and seeks back to each partition's first uncommitted
     * record, so the records are handled again in a new transaction. A fenced producer (another
     * instance took over the transactional id) cannot abort: the container then fails.
     */
    private void endTransaction() {
        if (!transactions.inTransaction()) {
            return;
        }
        List<AssignedPartition> batch = List.copyOf(partitions());
        boolean whole = !transactions.failed() && batch.stream().allMatch(partition -> partition.held.allDone());
        if (whole) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (AssignedPartition partition : batch) {
                if (partition.held.records() > 0) {
                    offsets.put(partition.partition, new OffsetAndMetadata(partition.held.committable()));
                }
            }
            try {
                transactions.commit(offsets, consumer.groupMetadata());
                batch.forEach(partition -> {
                    OffsetAndMetadata committed = offsets.get(partition.partition);
                    if (committed != null) {
                        partition.committed(committed);
                    }
                });
                return;
            } catch (KafkaException e) {
                log.warn("Handler '{}' could not commit its transaction; aborting it and handling the batch again", id, e);
            }
        } else {
            log.warn("Handler '{}': the batch did not complete ({}); aborting its transaction and handling it again", id,
                    transactions.failed() ? transactions.failure().getMessage() : "records given up");
        }
        transactions.abort();
        rewind(batch);
    }

    /** Reads the uncommitted records of an aborted transaction again, from the first, with fresh bookkeeping. */
    private void rewind(Collection<AssignedPartition> batch) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (AssignedPartition partition : batch) {
            long first = partition.held.firstUncommitted();
            partition.held.clear();
            if (first >= 0 && assigned.contains(partition.partition)) {
                partition.takeDeferred(); // they follow the records read again: read again with them
                consumer.seek(partition.partition, first);
            }
        }
        inFlight.recount(partitions());
    }
}
