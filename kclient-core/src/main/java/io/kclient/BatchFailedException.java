package io.kclient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * <p>A handler that returns a {@code List} passes the outputs of the records before the failed one,
 * one per record as its returned list would have them, so that they are published: the exception
 * replaces the return value. Without them (or with another number of them) nothing of the call is
 * done: its first record fails, saying so, and the records are handled again.
 *
 * <pre>{@code
 * List<Cat> cats = new ArrayList<>();
 * for (int i = 0; i < dogs.size(); i++) {
 *     try {
 *         kennel.admit(dogs.get(i));
 *     } catch (KennelFullException e) {
 *         throw new BatchFailedException(i, e, cats);   // the cats of the dogs before i are published
 *     }
 *     cats.add(new Cat(dogs.get(i)));
 * }
 * return cats;
 * }</pre>
 */
public class BatchFailedException extends KClientException {

    private final int index;
    private final ConsumerRecord<?, ?> record;
    private final List<?> outputs;

    /**
     * For a handler that returns {@code void}.
     *
     * @param index the failed record's position in the list the handler got
     * @param cause why it failed
     */
    public BatchFailedException(int index, Throwable cause) {
        this(index, cause, null);
    }

    /**
     * For a handler that returns a {@code List}.
     *
     * @param index the failed record's position in the list the handler got
     * @param cause why it failed
     * @param outputs the outputs of the records before it, one per record ({@code null} where a record
     *     publishes nothing), published as the returned list's would be
     */
    public BatchFailedException(int index, Throwable cause, List<?> outputs) {
        super("Record " + index + " of the batch failed: " + cause, Objects.requireNonNull(cause, "cause"));
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        this.index = index;
        this.record = null;
        this.outputs = copy(outputs);
    }

    /**
     * For a handler that returns {@code void}.
     *
     * @param record the failed record, one of the {@code ConsumerRecord}s the handler got
     * @param cause why it failed
     */
    public BatchFailedException(ConsumerRecord<?, ?> record, Throwable cause) {
        this(record, cause, null);
    }

    /**
     * For a handler that returns a {@code List}.
     *
     * @param record the failed record, one of the {@code ConsumerRecord}s the handler got
     * @param cause why it failed
     * @param outputs the outputs of the records before it, as for {@link #BatchFailedException(int, Throwable, List)}
     */
    public BatchFailedException(ConsumerRecord<?, ?> record, Throwable cause, List<?> outputs) {
        super("Record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " of the batch failed: " + cause,
                Objects.requireNonNull(cause, "cause"));
        this.index = -1;
        this.record = record;
        this.outputs = copy(outputs);
    }

    /** A copy taken when thrown, so the handler's list may change after; its elements may be {@code null}. */
    private static List<?> copy(List<?> outputs) {
        return outputs == null ? null : Collections.unmodifiableList(new ArrayList<>(outputs));
    }

    /** The failed record's position in the list, or -1 when the record was named instead. */
    public int index() {
        return index;
    }

    /** The failed record, or {@code null} when its position was given instead. */
    public ConsumerRecord<?, ?> record() {
        return record;
    }

    /** The outputs of the records before the failed one, or {@code null} when none were given. */
    public List<?> outputs() {
        return outputs;
    }
}
