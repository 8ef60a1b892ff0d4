package io.kclient.admin;

/**
 * Whether KClient creates the topics its handlers read and write when they are missing, and how.
 *
 * @param createMissing create missing input, output and dead-letter topics at start; when false a
 *     missing topic fails the start
 * @param partitions partitions of a created topic
 * @param replicationFactor replication of a created topic; -1 for the broker's default
 */
public record TopicSettings(boolean createMissing, int partitions, short replicationFactor) {

    public static final TopicSettings DEFAULT = new TopicSettings(true, 1, (short) -1);

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("Invalid value " + partitions + " for partitions: at least 1");
        }
        if (replicationFactor < 1 && replicationFactor != -1) {
            throw new IllegalArgumentException("Invalid value " + replicationFactor + " for replicationFactor: at least 1, or -1 for the broker's default");
        }
    }
}
