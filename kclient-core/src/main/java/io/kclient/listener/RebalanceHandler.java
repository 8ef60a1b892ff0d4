package io.kclient.listener;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a poll session does when the group moves its partitions, on the poll thread inside a poll.
 * Revoked: nothing more of them starts, what waited in their lanes is given up at once, records
 * actually running finish (bounded by the shutdown timeout), what is done is committed, then they
 * go. Lost (another member may own them already): they go without a commit, which could move the
 * new owner's offsets back. Assigned: each starts with what its previous owner's last commit
 * named done, and paused if the handler is.
 */
final class RebalanceHandler implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(RebalanceHandler.class);

    private final PollSession session;

    RebalanceHandler(PollSession session) {
        this.session = session;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        List<AssignedPartition> going = session.partitionsOf(revoked);
        PollSession.release(going);
        session.awaitSettledOrWarn(going);
        session.going(going);
        session.drop(revoked);
        if (!revoked.isEmpty()) {
            log.info("Handler '{}' released partitions {}", session.id, revoked);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        List<AssignedPartition> going = session.partitionsOf(lost);
        PollSession.release(going);
        session.lost(going);
        session.drop(lost);
        log.warn("Handler '{}' lost partitions {}; their uncommitted records will be delivered again", session.id, lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, DoneOffsets> doneBefore = new HashMap<>();
        lastCommits(assigned).forEach((tp, last) -> {
            DoneOffsets done = DoneOffsets.read(last, why -> log.warn("Handler '{}': the last commit of {} {}; the records "
                    + "it names are handled again", session.id, tp, why));
            if (!done.isEmpty()) {
                doneBefore.put(tp, done);
                log.info("Handler '{}': {} records of {} after offset {} were done before, by its last owner; "
                        + "they are not handled again", session.id, done.count(), tp, last.offset());
            }
        });
        session.assigned(assigned, doneBefore);
        log.info("Handler '{}' assigned partitions {}", session.id, assigned);
    }

    /** The assigned partitions' last commits, for the done records they name; none if the broker cannot say now. */
    private Map<TopicPartition, OffsetAndMetadata> lastCommits(Collection<TopicPartition> assigned) {
        if (!session.namesDone()) {
            return Map.of();
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = session.consumer.committed(new HashSet<>(assigned));
            return committed == null ? Map.of() : committed;
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (KafkaException e) {
            log.warn("Handler '{}' could not read the last commits of {}; records done after them are handled again",
                    session.id, assigned, e);
            return Map.of();
        }
    }
}
