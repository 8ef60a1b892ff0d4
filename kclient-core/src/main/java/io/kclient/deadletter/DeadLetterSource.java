package io.kclient.deadletter;

import java.util.List;

/**
 * Where one handler's dead letters are, and what keeps its redrives' position.
 *
 * @param handlerId the handler id
 * @param groupId the handler's group: its redrives' position is the group {@code <groupId>.redrive}
 * @param topics its dead-letter topics, one per topic it reads; empty when unknown (a topic pattern
 *     without a dead-letter topic of its own)
 */
public record DeadLetterSource(String handlerId, String groupId, List<String> topics) {

    public DeadLetterSource {
        topics = List.copyOf(topics);
    }

    /** The consumer group on the dead-letter topics whose committed offsets are the redrive position. */
    String redriveGroup() {
        return groupId + ".redrive";
    }

    /** One per handler across every instance: a redrive started elsewhere fences this one, so two never interleave. */
    String transactionalId() {
        return "kclient-redrive-" + groupId + "-" + handlerId;
    }
}
