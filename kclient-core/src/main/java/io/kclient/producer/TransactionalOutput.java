package io.kclient.producer;

import io.kclient.KClientException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer of one exactly-once container, and its transaction. A new producer
 * is made at each start of the container and closed at its stop, always with the same
 * {@code transactional.id}: starting it again fences a predecessor (a killed instance) and aborts
 * its open transaction at once, instead of after {@code transaction.timeout.ms}.
 *
 * <p>The container's poll thread opens, commits and aborts; workers only send, through
 * {@link #get()}, while a transaction is open.
 */
public final class TransactionalOutput implements Supplier<Producer<byte[], byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(TransactionalOutput.class);
    private static final int TIMED_OUT_ATTEMPTS = 3;

    private final String transactionalId;
    private final Supplier<Producer<byte[], byte[]>> factory;
    private volatile Producer<byte[], byte[]> producer;
    private boolean open;

    /**
     * @param transactionalId the {@code transactional.id} the producers from {@code factory} carry
     * @param factory a new transactional producer
     */
    public TransactionalOutput(String transactionalId, Supplier<Producer<byte[], byte[]>> factory) {
        this.transactionalId = transactionalId;
        this.factory = factory;
    }

    /** Makes the producer and registers its {@code transactional.id} with the cluster (blocks for it). */
    public void start() {
        Producer<byte[], byte[]> created = factory.get();
        try {
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw new KClientException("Could not initialise transactions with transactional.id '" + transactionalId
                    + "': " + e.getMessage(), e);
        }
        producer = created;
        open = false;
    }

    /** The producer that sends the current transaction's records. */
    @Override
    public Producer<byte[], byte[]> get() {
        Producer<byte[], byte[]> current = producer;
        if (current == null) {
            throw new KClientException("The transactional producer '" + transactionalId + "' is not started");
        }
        return current;
    }

    /** Opens a transaction unless one is open. */
    public void beginIfNone() {
        if (!open) {
            get().beginTransaction();
            open = true;
        }
    }

    public boolean inTransaction() {
        return open;
    }

    /**
     * Adds the consumed offsets to the transaction and commits it: outputs, dead letters and
     * offsets become visible together. Fails if any send of the transaction failed, or if the
     * consumer lost its partitions meanwhile (its group generation is stale); then {@link #abort()}.
     */
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        Producer<byte[], byte[]> current = get();
        if (!offsets.isEmpty()) {
            retryingTimeouts("send the offsets of", () -> current.sendOffsetsToTransaction(offsets, group));
        }
        retryingTimeouts("commit", current::commitTransaction);
        open = false;
    }

    /**
     * A step that timed out (each waits up to {@code max.block.ms}) may have reached the broker, and
     * Kafka allows nothing but the same call after it, not an abort: so it is called again, a few
     * times, before the failure is given up to the container.
     */
    private void retryingTimeouts(String step, Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (TimeoutException e) {
                if (attempt == TIMED_OUT_ATTEMPTS) {
                    throw e;
                }
                log.warn("Could not {} the transaction of '{}' in time; trying again", step, transactionalId, e);
            }
        }
    }

    /** Discards the open transaction: none of its records will ever be read by a read_committed reader. */
    public void abort() {
        if (open) {
            open = false;
            get().abortTransaction();
        }
    }

    /** Aborts what is open and closes the producer. */
    public void stop(Duration timeout) {
        Producer<byte[], byte[]> current = producer;
        producer = null;
        if (current == null) {
            return;
        }
        try {
            if (open) {
                open = false;
                current.abortTransaction();
            }
        } catch (RuntimeException e) {
            log.warn("Aborting the open transaction of '{}' failed; the broker aborts it after its timeout", transactionalId, e);
        } finally {
            current.close(timeout);
        }
    }

    public String transactionalId() {
        return transactionalId;
    }
}
