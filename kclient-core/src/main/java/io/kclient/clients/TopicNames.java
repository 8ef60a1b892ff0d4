package io.kclient.clients;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/** Which topic names KClient writes to: the names Kafka takes, and never one of Kafka's internal topics. */
public final class TopicNames {

    private TopicNames() {
    }

    /**
     * Why {@code topic} is not a name KClient writes to, to follow the name in a message ("is not a
     * valid topic name: ..."), or {@code null} when it is: Kafka's own rule (letters, digits, '.',
     * '_' and '-', at most 249), and no internal topic.
     */
    public static String refusal(String topic) {
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            return "is not a valid topic name (letters, digits, '.', '_' and '-', at most 249): " + e.getMessage();
        }
        return Topic.isInternal(topic) ? "is one of Kafka's internal topics" : null;
    }
}
