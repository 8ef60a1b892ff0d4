package io.kclient.boot.actuate;

import io.kclient.ContainerState;
import io.kclient.Delivery;
import io.kclient.HandlerStatus;
import io.kclient.Ordering;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One handler as the {@code kclient} endpoint writes it: {@link HandlerStatus} with partitions
 * named {@code topic-partition}, so the JSON is plain.
 *
 * @param id the handler id
 * @param topics its topics, or {@code pattern <regex>}
 * @param groupId its consumer group
 * @param ordering KEY, PARTITION or NONE
 * @param concurrency its worker threads
 * @param delivery AT_LEAST_ONCE or EXACTLY_ONCE
 * @param output its output topic, or {@code null}
 * @param state RUNNING, PAUSED, STOPPING, STOPPED, FAILED or CREATED
 * @param assignment the partitions its consumer holds
 * @param lag records behind per partition, as of the consumer's last fetch
 * @param totalLag the sum of {@code lag}
 * @param inFlight records between poll and commit
 * @param lastCompletion when a record last completed, or {@code null}
 * @param connected whether the consumer has a broker connection
 * @param failure why the consumer failed, or {@code null}
 * @param instancesNeeded this instance's part of the instances the handler needs (the autoscaling signal)
 */
public record HandlerDescriptor(String id, String topics, String groupId, Ordering ordering, int concurrency,
        Delivery delivery, String output, ContainerState state, List<String> assignment, Map<String, Long> lag,
        long totalLag, int inFlight, Instant lastCompletion, boolean connected, String failure, double instancesNeeded) {

    static HandlerDescriptor of(HandlerStatus status) {
        Map<String, Long> lag = new TreeMap<>();
        status.lag().forEach((partition, records) -> lag.put(partition.toString(), records));
        return new HandlerDescriptor(status.id(), status.topics(), status.groupId(), status.ordering(), status.concurrency(),
                status.delivery(), status.output(), status.state(),
                status.assignment().stream().map(Object::toString).toList(), lag, status.totalLag(), status.inFlight(),
                status.lastCompletion(), status.connected(), status.failure(), status.instancesNeeded());
    }
}
