package io.kclient.listener;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The at-least-once commits of a poll session, through its consumer: asynchronous and one at a
 * time while it runs (each one frees room in the in-flight window), synchronous when partitions go
 * (revoke, stop). Each names the records done above its offset as {@link AssignedPartition#toCommit}
 * decides, until a broker refuses metadata that large; then offsets alone. A failed asynchronous
 * commit is logged once per outage ({@link CommitOutageLog}), not once per loop. On the poll thread only.
 */
final class OffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    private final String id;
    private final Consumer<byte[], byte[]> consumer;
    private final Duration syncTimeout;
    private final CommitOutageLog failures;
    private boolean pending;
    private boolean withDone = true;

    /** @param syncTimeout how long a commit on release may take: a stop or revoke does not wait longer for the broker */
    OffsetCommitter(String id, Consumer<byte[], byte[]> consumer, Duration syncTimeout) {
        this.id = id;
        this.consumer = consumer;
        this.syncTimeout = syncTimeout;
        this.failures = new CommitOutageLog(id);
    }

    /** Whether commits name the records done above their offsets: until the broker refused it. */
    boolean namesDone() {
        return withDone;
    }

    /** Commits what moved, asynchronously, unless the previous commit has not answered yet. */
    void commitAsync(Collection<AssignedPartition> partitions) {
        if (pending) {
            return;
        }
        Map<TopicPartition, AssignedPartition> of = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions, false, of);
        if (offsets.isEmpty()) {
            return;
        }
        pending = true;
        consumer.commitAsync(offsets, (committed, error) -> {
            pending = false;
            if (error == null) {
                failures.ended();
                committed(committed, of);
            } else if (error instanceof OffsetMetadataTooLarge tooLarge) {
                stopNamingDone(tooLarge); // the next commit carries the offsets alone
            } else {
                failures.failed(committed.keySet(), error);
            }
        });
    }

    /**
     * Commits the partitions that go, synchronously, naming every record done above their offsets.
     * A failure is logged: their records after the last commit are delivered again.
     */
    void commitOnRelease(Collection<AssignedPartition> partitions) {
        Map<TopicPartition, AssignedPartition> of = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions, true, of);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets, syncTimeout);
            } catch (OffsetMetadataTooLarge e) {
                stopNamingDone(e);
                offsets = withoutMetadata(offsets);
                consumer.commitSync(offsets, syncTimeout);
            }
            committed(offsets, of);
        } catch (RuntimeException e) {
            log.warn("Handler '{}' could not commit on release; records after the last commit will be delivered again", id, e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<AssignedPartition> partitions, boolean lastChance,
            Map<TopicPartition, AssignedPartition> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long now = System.currentTimeMillis();
        for (AssignedPartition partition : partitions) {
            OffsetAndMetadata commit = partition.toCommit(now, withDone, lastChance);
            if (commit != null) {
                offsets.put(partition.partition, commit);
                of.put(partition.partition, partition);
            }
        }
        return offsets;
    }

    /** Tells each partition (the assignment the commit was made for, not a later one) what the broker has now. */
    private static void committed(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, AssignedPartition> of) {
        committed.forEach((partition, offset) -> of.get(partition).committed(offset));
    }

    private void stopNamingDone(OffsetMetadataTooLarge refusal) {
        withDone = false;
        log.warn("Handler '{}': the broker refuses commits that name the records done beyond the committed offset ({}); "
                + "committing offsets alone, so a crash handles those records again. Raise the broker's "
                + "offset.metadata.max.bytes to at least 4096 to keep them", id, refusal.getMessage());
    }

    private static Map<TopicPartition, OffsetAndMetadata> withoutMetadata(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> plain = new HashMap<>();
        offsets.forEach((partition, offset) -> plain.put(partition, new OffsetAndMetadata(offset.offset())));
        return plain;
    }
}
