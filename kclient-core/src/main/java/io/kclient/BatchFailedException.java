package io.kclient;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Thrown by a batch handler ({@code @InputConsumer(batch = true)}) to say which record of its list
 * failed: the records before it are done, the failed one is retried alone (then given to its error
 * handler and the dead-letter topic, with {@link #getCause()} as its failure), and the records
 * after it, which the handler did not get to, are handled again: in {@code KEY} order those of the
 * failed record's key after it, in {@code PARTITION} order all of them after it, in {@code NONE}
 * order at once. Any other exception fails the list's first record the same way.
 *
 * <pre>{@code
 * for (int i = 0; i < dogs.size(); i++) {
 *     try {
 *         kennel.admit(dogs.get(i));
 *     } catch (KennelFullException e) {
 *         throw new BatchFailedException(i, e);
 *     }
 * }
 * }</pre>
 */
public class BatchFailedException extends KClientException {

    private final int index;
    private final ConsumerRecord<?, ?> record;

    /**
     * @param index the failed record's position in the list the handler got
     * @param cause why it failed
     */
    public BatchFailedException(int index, Throwable cause) {
        super("Record " + index + " of the batch failed: " + cause, Objects.requireNonNull(cause, "cause"));
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        this.index = index;
        this.record = null;
    }

    /**
     * @param record the failed record, one of the {@code ConsumerRecord}s the handler got
     * @param cause why it failed
     */
    public BatchFailedException(ConsumerRecord<?, ?> record, Throwable cause) {
        super("Record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " of the batch failed: " + cause,
                Objects.requireNonNull(cause, "cause"));
        this.index = -1;
        this.record = record;
    }

    /** The failed record's position in the list, or -1 when the record was named instead. */
    public int index() {
        return index;
    }

    /** The failed record, or {@code null} when its position was given instead. */
    public ConsumerRecord<?, ?> record() {
        return record;
    }
}
