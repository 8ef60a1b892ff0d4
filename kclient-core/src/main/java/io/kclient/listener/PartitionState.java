package io.kclient.listener;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * What a container holds for one assigned partition. Once {@link #release() released} (revoked,
 * lost or stopping), records of it that have not started are skipped: the partition's next owner
 * gets them again from the committed offset.
 */
final class PartitionState {

    final TopicPartition partition;
    final OffsetTracker offsets = new OffsetTracker();
    private final AtomicInteger unsettled = new AtomicInteger();
    private volatile boolean released;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    void release() {
        released = true;
    }

    boolean isReleased() {
        return released;
    }

    void dispatched(long offset) {
        offsets.dispatched(offset);
        unsettled.incrementAndGet();
    }

    /** A dispatched record finished ({@code done}) or was given up (skipped, cancelled). */
    void settled(long offset, boolean done) {
        if (done) {
            offsets.done(offset);
        }
        unsettled.decrementAndGet();
    }

    /** Dispatched records that neither finished nor were given up yet. */
    int unsettled() {
        return unsettled.get();
    }
}
