package io.kclient.bench.contender;

import io.kclient.bench.model.DogToCat;

/**
 * What one contender run gets: the same input and settings as every other contender of the
 * scenario, and a group and output topic of its own.
 *
 * @param bootstrapServers the cluster
 * @param inputTopic the preloaded dogs
 * @param outputTopic where its cats go (created beforehand with {@code partitions} partitions)
 * @param groupId its own consumer group, so it reads the input from the start
 * @param partitions partitions of the input and output topics
 * @param concurrency workers it may use
 * @param maxInFlight records it may hold between poll and commit, where it has such a bound
 * @param work the handler's work
 */
public record ContenderContext(String bootstrapServers, String inputTopic, String outputTopic, String groupId,
        int partitions, int concurrency, int maxInFlight, DogToCat work) {
}
