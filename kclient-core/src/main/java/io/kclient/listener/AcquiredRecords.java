package io.kclient.listener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;

/**
 * The records the broker locked for this member of a share group, from the poll that acquired
 * them until they are acknowledged; used on the poll thread only.
 *
 * <p>Kafka's share consumer (4.2) lets a record be acknowledged only while it belongs to the
 * consumer's current fetch, and polls again only once every record of that fetch is
 * acknowledged. A record still running, or held for its backoff, is therefore acknowledged
 * {@code RENEW}: the broker extends its lock and a later poll hands it back, current again. So a
 * record here is either <em>current</em> or <em>renewing</em>, and has a verdict once its handling
 * ended; a released one is acknowledged only once its backoff is over.
 */
final class AcquiredRecords {

    private final Map<Key, Acquired> records = new HashMap<>();
    private long bytes;

    /**
     * A record a poll returned: new to this member (to be handled; returns {@code true}), or one
     * of its own handed back after a renewal, current again.
     */
    boolean take(ConsumerRecord<byte[], byte[]> record) {
        Key key = Key.of(record);
        Acquired held = records.get(key);
        if (held != null) {
            held.record = record;
            held.current = true;
            return false;
        }
        records.put(key, new Acquired(record));
        bytes += PollBatch.sizeOf(record);
        return true;
    }

    /** Releases a record just taken, unhandled: a paused or stopping member takes no new work. */
    void releaseNow(ShareConsumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> record) {
        consumer.acknowledge(record, AcknowledgeType.RELEASE);
        records.remove(Key.of(record));
        bytes -= PollBatch.sizeOf(record);
    }

    /**
     * The record's handling ended: it may be acknowledged from {@code nowNanos} plus its backoff.
     * A record no longer here lost its lock (its renewal failed): the broker delivers it again and
     * this verdict is moot.
     */
    void decide(ConsumerRecord<?, ?> record, ShareVerdict verdict, long nowNanos) {
        Acquired held = records.get(Key.of(record));
        if (held != null) {
            held.verdict = verdict;
            held.dueNanos = nowNanos + verdict.backoff().toNanos();
        }
    }

    /**
     * Acknowledges every current record whose verdict is due, or, with {@code releaseHeld} (the
     * container stops), every current record with a verdict, its backoff cut short.
     *
     * @return how many records were acknowledged
     */
    int acknowledgeDue(ShareConsumer<byte[], byte[]> consumer, long nowNanos, boolean releaseHeld) {
        int acknowledged = 0;
        for (Iterator<Acquired> it = records.values().iterator(); it.hasNext();) {
            Acquired held = it.next();
            if (held.current && held.verdict != null && (releaseHeld || nowNanos - held.dueNanos >= 0)) {
                consumer.acknowledge(held.record, held.verdict.type());
                bytes -= PollBatch.sizeOf(held.record);
                it.remove();
                acknowledged++;
            }
        }
        return acknowledged;
    }

    /** Asks the broker for a longer lock on every current record: they become renewing. */
    void renewCurrent(ShareConsumer<byte[], byte[]> consumer, long nowNanos) {
        for (Acquired held : records.values()) {
            if (held.current) {
                consumer.acknowledge(held.record, AcknowledgeType.RENEW);
                held.current = false;
                held.renewedNanos = nowNanos;
            }
        }
    }

    /**
     * Forgets the renewing records of {@code topic}-{@code partition} at {@code offsets}, whose
     * renewal the broker refused (their lock had expired, or the partition's leader moved): the
     * broker delivers them again, to any member.
     *
     * @return the records forgotten
     */
    List<ConsumerRecord<byte[], byte[]>> forgetLost(String topic, int partition, Set<Long> offsets) {
        return forget(held -> held.record.topic().equals(topic) && held.record.partition() == partition
                && offsets.contains(held.record.offset()));
    }

    /** Forgets the records renewing for longer than {@code lockNanos}: their locks have expired, whatever the broker said. */
    List<ConsumerRecord<byte[], byte[]>> forgetExpired(long nowNanos, long lockNanos) {
        return forget(held -> nowNanos - held.renewedNanos > lockNanos);
    }

    private List<ConsumerRecord<byte[], byte[]>> forget(Predicate<Acquired> lost) {
        List<ConsumerRecord<byte[], byte[]>> forgotten = new ArrayList<>();
        for (Iterator<Acquired> it = records.values().iterator(); it.hasNext();) {
            Acquired held = it.next();
            if (!held.current && lost.test(held)) {
                forgotten.add(held.record);
                bytes -= PollBatch.sizeOf(held.record);
                it.remove();
            }
        }
        return forgotten;
    }

    /** Whether a record of the current fetch is not acknowledged yet: the consumer may not poll. */
    boolean hasCurrent() {
        return records.values().stream().anyMatch(held -> held.current);
    }

    /** Whether a record waits for a poll to hand it back after its renewal. */
    boolean hasRenewing() {
        return records.values().stream().anyMatch(held -> !held.current);
    }

    /** When the first current record held for its backoff is due; {@code Long.MAX_VALUE} relative to now when none. */
    long nanosUntilNextDue(long nowNanos) {
        long until = Long.MAX_VALUE;
        for (Acquired held : records.values()) {
            if (held.current && held.verdict != null) {
                until = Math.min(until, Math.max(0, held.dueNanos - nowNanos));
            }
        }
        return until;
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /** Records received and not acknowledged: this member's records in flight. */
    int size() {
        return records.size();
    }

    /** Key and payload bytes of the records held. */
    long bytes() {
        return bytes;
    }

    private record Key(String topic, int partition, long offset) {
        static Key of(ConsumerRecord<?, ?> record) {
            return new Key(record.topic(), record.partition(), record.offset());
        }
    }

    private static final class Acquired {
        /** As the latest poll returned it. */
        ConsumerRecord<byte[], byte[]> record;
        boolean current = true;
        ShareVerdict verdict;
        long dueNanos;
        long renewedNanos;

        Acquired(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
        }
    }
}
