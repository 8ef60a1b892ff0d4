package io.kclient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One handler as an operator sees it, at the moment {@link KClient#handlers()} was called.
 *
 * @param id the handler id
 * @param topics its topics, or {@code pattern <regex>}
 * @param groupId its consumer group
 * @param ordering how its records are ordered
 * @param concurrency its worker threads
 * @param delivery at-least-once or exactly-once
 * @param output its {@code @OutputProducer} topic, or {@code null}
 * @param state running, paused, stopped, failed...
 * @param assignment the partitions its consumer holds now
 * @param inFlight records between poll and commit
 * @param lag records behind the end of each assigned partition, as of the consumer's last fetch
 *     (sampled every second on the poll thread); absent for a partition not fetched yet
 * @param lastCompletion when a record last completed (handled or dead-lettered), or {@code null}
 * @param noProgressSince since when records have been waiting with none completing, or
 *     {@code null} when none waits
 * @param connected whether the consumer has a broker connection (none for two samples, a second apart, is {@code false})
 * @param failure why the consumer failed, when {@code state} is {@code FAILED}; else {@code null}
 * @param instancesNeeded this instance's part of the instances the handler needs (the autoscaling
 *     signal): summed over the handler's instances and rounded up, how many it needs
 */
public record HandlerStatus(String id, String topics, String groupId, Ordering ordering, int concurrency,
        Delivery delivery, String output, ContainerState state, List<TopicPartition> assignment, int inFlight,
        Map<TopicPartition, Long> lag, Instant lastCompletion, Instant noProgressSince, boolean connected, String failure,
        double instancesNeeded) {

    /** Whether records have waited longer than {@code timeout} with none completing. */
    public boolean stalled(Duration timeout, Instant now) {
        return noProgressSince != null && noProgressSince.plus(timeout).isBefore(now);
    }

    /** Records behind, over every assigned partition whose lag is known. */
    public long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
