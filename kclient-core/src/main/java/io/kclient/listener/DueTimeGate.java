package io.kclient.listener;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Holds back the partitions of retry topics until their next record is due, without holding the
 * poll thread: the poll loop seeks back to a record that is not due yet and pauses its partition,
 * and resumes it once this gate says the time came. Other partitions flow meanwhile. Used on the
 * poll thread only.
 */
final class DueTimeGate {

    private final Map<TopicPartition, Long> heldUntil = new HashMap<>();
    private final LongSupplier clock;

    DueTimeGate(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Whether {@code record} must wait: a record of a retry topic whose due time has not come. Its
     * partition is then held until that time; the caller reads the record again after it.
     */
    boolean holds(ConsumerRecord<byte[], byte[]> record) {
        long due = RetryHeaders.of(record).map(RetryHeaders::dueMillis).orElse(0L);
        if (due <= clock.getAsLong()) {
            return false;
        }
        heldUntil.put(new TopicPartition(record.topic(), record.partition()), due);
        return true;
    }

    /** Whether any partition is held now. */
    boolean holdsAny() {
        return !heldUntil.isEmpty();
    }

    /** The partitions held now: they stay paused whatever else resumes. */
    Set<TopicPartition> held() {
        return Set.copyOf(heldUntil.keySet());
    }

    /** Lets go of the partitions whose time came: they are no longer {@link #held()}. */
    void releaseDue() {
        long now = clock.getAsLong();
        heldUntil.values().removeIf(due -> due <= now);
    }

    /** Forgets partitions that went: their next owner reads the held record again and holds it itself. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(heldUntil::remove);
    }
}
