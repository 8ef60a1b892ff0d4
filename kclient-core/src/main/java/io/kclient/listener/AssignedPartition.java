package io.kclient.listener;

import io.kclient.observe.TopicObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One assignment of one partition to a poll session: its received batches, its lanes, its meters
 * and what its commits told the broker. A new assignment of the same partition is a new object, so
 * work left from an earlier one (a retry waiting for its backoff, a record of a session that was
 * restarted) finds its own, {@link #isReleased() released}, partition and gives up, whoever owns
 * the partition now. Only {@link #isReleased()} and {@link #batchSettled()} are for other threads.
 */
final class AssignedPartition {

    /** How often a commit names new done records above its offset, unless the partition is going. */
    static final long NAME_DONE_EVERY_MILLIS = 1000;

    final TopicPartition partition;
    final TopicObserver topic;
    /** Records the previous owner's last commit named done: not handled again. */
    final DoneOffsets doneBefore;
    /** Whether records may carry a due time: only a retry topic's do. */
    final boolean retryTopic;
    final Lanes lanes;
    final HeldBatches held = new HeldBatches();
    /** Records of this partition waiting for a retry's backoff: given up at once if the partition goes. */
    final Set<RecordRun> backingOff = ConcurrentHashMap.newKeySet();
    private final Runnable settled;
    private volatile boolean released;
    // the poll thread's: what the last successful commit told the broker
    private long brokerOffset = -1;
    private int brokerNamed;
    private long brokerNamedLast = -1;
    private long namedAtMillis = -NAME_DONE_EVERY_MILLIS;
    /** Fetched records past an in-flight bound, the partition's next ones: received first once there is room. */
    private List<ConsumerRecord<byte[], byte[]>> deferred = List.of();

    /** @param settled told, on any thread, whenever a batch of the partition has no record left running */
    AssignedPartition(TopicPartition partition, TopicObserver topic, DoneOffsets doneBefore, boolean retryTopic, Lanes lanes,
            Runnable settled) {
        this.partition = partition;
        this.topic = topic;
        this.doneBefore = doneBefore;
        this.retryTopic = retryTopic;
        this.lanes = lanes;
        this.settled = settled;
    }

    boolean isReleased() {
        return released;
    }

    /**
     * The partition is going (revoked, lost, stopping): nothing of it starts any more. Records
     * waiting in its lanes or for a retry are given up now; those running finish.
     */
    void release() {
        released = true;
        lanes.giveUpWaiting();
        for (RecordRun waiting : backingOff) {
            waiting.giveUpBackoff();
        }
    }

    /**
     * The poll thread: keeps {@code records}, fetched but past an in-flight bound, to be received
     * before anything fetched later (the partition stays paused meanwhile): reading them again
     * would cost the broker and this consumer the whole fetch once more.
     */
    void defer(List<ConsumerRecord<byte[], byte[]>> records) {
        deferred = records;
    }

    /** The poll thread: the records kept by {@link #defer}, now no longer kept. */
    List<ConsumerRecord<byte[], byte[]>> takeDeferred() {
        List<ConsumerRecord<byte[], byte[]>> taken = deferred;
        deferred = List.of();
        return taken;
    }

    boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    void batchSettled() {
        settled.run();
    }

    /**
     * What to commit now, or null when a commit would tell the broker nothing new. The offset is
     * committed whenever it moved. The done records above it are named in the commit (see
     * {@link DoneOffsets}) when they changed, at most every {@link #NAME_DONE_EVERY_MILLIS}, so a
     * handler in full flow does not send them with every commit; always when the offset moves below
     * records the broker has already been told are done, so a commit never drops them; and always
     * on the {@code lastChance} (revoke, stop), so a record stuck past the shutdown timeout is the
     * only one handled again.
     *
     * @param withDone whether done records may be named at all
     */
    OffsetAndMetadata toCommit(long nowMillis, boolean withDone, boolean lastChance) {
        long offset = held.committable();
        if (offset < 0) {
            return null;
        }
        int doneAbove = withDone ? held.doneAbove() : 0;
        boolean moved = offset > brokerOffset;
        if (doneAbove > 0 && (moved || doneAbove != brokerNamed)) {
            boolean mustKeep = moved && brokerNamedLast >= offset;
            if (lastChance || mustKeep || nowMillis - namedAtMillis >= NAME_DONE_EVERY_MILLIS) {
                namedAtMillis = nowMillis;
                DoneOffsets done = DoneOffsets.of(offset, held.doneAbove(offset, DoneOffsets.MAX_OFFSETS));
                return done.isEmpty() ? new OffsetAndMetadata(offset) : done.commit();
            }
        }
        return moved ? new OffsetAndMetadata(offset) : null;
    }

    /** A commit of the partition succeeded: remembers what the broker now has and lets go of the records it covers. */
    void committed(OffsetAndMetadata commit) {
        if (commit.offset() < brokerOffset) {
            return; // an older commit answering late: the broker has the newer one
        }
        DoneOffsets named = DoneOffsets.of(commit);
        brokerOffset = commit.offset();
        brokerNamed = named.count();
        brokerNamedLast = named.highest();
        held.committed(commit.offset());
    }
}
