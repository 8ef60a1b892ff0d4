package io.kclient.producer;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactional producers for transactions that callers run one at a time each, several at once
 * together (the publisher's, called from REST requests): a producer has one transaction open at a
 * time, so each transaction under way takes an idle producer or makes one. Producer {@code n} has
 * the {@code transactional.id} {@code <prefix>-<n>}, so a restarted instance, counting from 0 again,
 * fences its killed predecessor's producers and aborts their open transactions at once.
 */
public final class TransactionPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionPool.class);

    private final String prefix;
    private final Function<String, Producer<byte[], byte[]>> factory;
    private final Deque<Producer<byte[], byte[]>> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger made = new AtomicInteger();

    /** @param factory a new producer with the {@code transactional.id} it is given */
    public TransactionPool(String prefix, Function<String, Producer<byte[], byte[]>> factory) {
        this.prefix = prefix;
        this.factory = factory;
    }

    /**
     * Runs {@code work} with a producer in an open transaction, and commits it, which fails if any
     * of its sends failed. When {@code work} or the commit fails, the transaction is aborted and
     * the failure thrown: none of the transaction's records is visible to a {@code read_committed} reader.
     */
    public void inTransaction(Consumer<Producer<byte[], byte[]>> work) {
        Producer<byte[], byte[]> producer = take();
        boolean reusable = true;
        try {
            producer.beginTransaction();
            work.accept(producer);
            producer.commitTransaction();
        } catch (RuntimeException e) {
            reusable = abort(producer);
            throw e;
        } finally {
            if (reusable) {
                idle.push(producer);
            } else {
                producer.close(Duration.ZERO);
            }
        }
    }

    /** Closes the idle producers; a transaction under way keeps its producer until it ends. */
    @Override
    public void close() {
        for (Producer<byte[], byte[]> producer = idle.poll(); producer != null; producer = idle.poll()) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    private Producer<byte[], byte[]> take() {
        Producer<byte[], byte[]> producer = idle.poll();
        if (producer != null) {
            return producer;
        }
        String transactionalId = prefix + "-" + made.getAndIncrement();
        Producer<byte[], byte[]> created = factory.apply(transactionalId);
        try {
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        return created;
    }

    /** @return whether the producer may run another transaction; not after a fatal error, when Kafka allows no abort */
    private static boolean abort(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
            return true;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException fatal) {
            return false;
        } catch (RuntimeException e) {
            log.warn("Could not abort a transaction; its producer is closed, and the broker aborts it after its timeout", e);
            return false;
        }
    }
}
