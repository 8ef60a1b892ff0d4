package io.kclient.listener;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One poll's received records of one partition, dispatched together and committed in order. The
 * poll thread makes it and alone reads it for commits; whoever ends a record (a worker, the
 * producer's thread acknowledging its outputs, the retry scheduler) finishes it here, by its
 * index: one release-store and one decrement, no lock and no search.
 */
final class PollBatch {

    private static final byte PENDING = 0;
    private static final byte DONE = 1;
    private static final byte GIVEN_UP = 2;
    private static final VarHandle STATES = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle REMAINING;

    static {
        try {
            REMAINING = MethodHandles.lookup().findVarHandle(PollBatch.class, "remaining", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AssignedPartition partition;
    private final List<ConsumerRecord<byte[], byte[]>> records;
    private final int size;
    private final byte[] states;
    private final long bytes;
    /** Records neither done nor given up. */
    @SuppressWarnings("unused") // through REMAINING
    private volatile int remaining;
    // the poll thread's alone
    private int committed;
    private long committedBytes;

    /**
     * @param records what the poll returned for the partition; only the first {@code size} were received
     * @param bytes the key and payload bytes of those {@code size} records
     */
    PollBatch(AssignedPartition partition, List<ConsumerRecord<byte[], byte[]>> records, int size, long bytes) {
        this.partition = partition;
        this.records = records;
        this.size = size;
        this.states = new byte[size];
        this.bytes = bytes;
        this.remaining = size;
    }

    /** The heap a record's key and payload take, as far as the in-flight byte bound counts it. */
    static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }

    ConsumerRecord<byte[], byte[]> record(int index) {
        return records.get(index);
    }

    long offset(int index) {
        return records.get(index).offset();
    }

    /**
     * On the poll thread, before the batch is dispatched: a record its partition's previous owner
     * had done, which is not handled again.
     */
    void skip(int index) {
        states[index] = DONE;
        remaining--;
    }

    /**
     * Any thread, once per record: the record is done (its offset may be committed) or given up
     * (its partition went, or the container stopped, and it will be delivered again).
     */
    void finish(int index, boolean done) {
        STATES.setRelease(states, index, done ? DONE : GIVEN_UP);
        if ((int) REMAINING.getAndAdd(this, -1) == 1) {
            partition.batchSettled();
        }
    }

    boolean isDone(int index) {
        return (byte) STATES.getAcquire(states, index) == DONE;
    }

    boolean isPending(int index) {
        return (byte) STATES.getAcquire(states, index) == PENDING;
    }

    /** Records of the batch neither done nor given up yet. */
    int remaining() {
        return (int) REMAINING.getAcquire(this);
    }

    /** Records a commit covers; the poll thread's. */
    int committed() {
        return committed;
    }

    /**
     * The poll thread: a commit of {@code offset} succeeded. Returns the key and payload bytes of
     * the records of this batch it covered that no earlier commit did; {@link #committed()} counts them.
     */
    long commit(long offset) {
        long released = 0;
        if (committed < size && offset(size - 1) < offset) { // the whole rest, the usual case: no record to weigh
            released = bytes - committedBytes;
            committed = size;
        }
        while (committed < size && offset(committed) < offset) {
            released += sizeOf(records.get(committed));
            committed++;
        }
        committedBytes += released;
        return released;
    }

    /** Bytes of the records no commit covers yet. */
    long uncommittedBytes() {
        return bytes - committedBytes;
    }
}
