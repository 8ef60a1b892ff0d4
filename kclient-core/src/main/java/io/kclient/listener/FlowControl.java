package io.kclient.listener;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a poll session's consumer fetches: it pauses every partition past either in-flight bound
 * (it keeps polling, so it stays in its group) and resumes them once below half of both; it pauses
 * them while an operator asked; it keeps each retry-topic partition paused until its next
 * record is due ({@link DueTimeGate}), and each partition paused whose fetched records past a bound
 * are kept to be received first ({@link AssignedPartition#defer}). On the poll thread only.
 */
final class FlowControl {

    private static final Logger log = LoggerFactory.getLogger(FlowControl.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /**
     * While paused for backpressure, poll often: a commit's answer is seen only when poll returns,
     * and each commit frees room in the in-flight window. Every millisecond here is a millisecond
     * in which a full window cannot move.
     */
    private static final Duration BACKPRESSURE_POLL_TIMEOUT = Duration.ofMillis(1);

    private final String id;
    private final InFlight inFlight;
    final DueTimeGate gate = new DueTimeGate(System::currentTimeMillis);
    private boolean backpressured;
    private boolean pausedForOperator;

    FlowControl(String id, InFlight inFlight) {
        this.id = id;
        this.inFlight = inFlight;
    }

    Duration pollTimeout() {
        return backpressured ? BACKPRESSURE_POLL_TIMEOUT : POLL_TIMEOUT;
    }

    /** Whether partitions assigned now must start paused, before any of their records is dispatched. */
    boolean pausing(boolean pauseRequested) {
        return backpressured || pauseRequested;
    }

    /** The partitions holding records kept past an in-flight bound ({@link AssignedPartition#defer}). */
    private static Set<TopicPartition> deferring(Collection<AssignedPartition> partitions) {
        Set<TopicPartition> deferring = Set.of();
        for (AssignedPartition partition : partitions) {
            if (partition.hasDeferred()) {
                if (deferring.isEmpty()) {
                    deferring = new HashSet<>();
                }
                deferring.add(partition.partition);
            }
        }
        return deferring;
    }

    /**
     * After a poll: pauses or resumes the consumer's partitions as the bounds and the operator say.
     *
     * @param partitions the session's: those holding records kept past a bound stay paused until they are received
     */
    void apply(Consumer<byte[], byte[]> consumer, boolean pauseRequested, Collection<AssignedPartition> partitions) {
        Set<TopicPartition> deferring = deferring(partitions);
        if (!backpressured && inFlight.full()) {
            backpressured = true;
        } else if (backpressured && inFlight.halfEmpty()) {
            backpressured = false;
        }
        gate.releaseDue();
        if (backpressured || pauseRequested) {
            consumer.pause(consumer.assignment()); // also covers partitions assigned since the last pause
        } else {
            if (!consumer.paused().isEmpty()) {
                Set<TopicPartition> resumable = new HashSet<>(consumer.paused());
                resumable.removeAll(gate.held()); // retry topic partitions whose next record is not due yet
                resumable.removeAll(deferring);
                consumer.resume(resumable);
            }
            if (gate.holdsAny()) {
                consumer.pause(gate.held());
            }
            if (!deferring.isEmpty()) {
                consumer.pause(deferring);
            }
        }
        if (pausedForOperator != pauseRequested) {
            pausedForOperator = pauseRequested;
            log.info("Handler '{}' {}", id, pausedForOperator ? "paused" : "resumed");
        }
    }
}
