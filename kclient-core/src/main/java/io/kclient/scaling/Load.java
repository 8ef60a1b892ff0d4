package io.kclient.scaling;

/**
 * What one instance of a handler measured over a window, the input of {@link InstancesNeeded}.
 *
 * @param seconds the window's length
 * @param completed records completed (handled or given up) in it
 * @param busyWorkerSeconds workers' time spent on records in it: one worker busy for the whole
 *     window counts {@code seconds}
 * @param workers the workers that can be busy at once: the handler's concurrency, or for
 *     {@code PARTITION} ordering no more than the partitions it holds
 * @param backlogBefore records waiting at the window's start
 * @param backlogNow records waiting now, in flight included
 * @param backlogShare the share of the backlog this instance answers for: 1 when it is its own
 *     (a consumer group's partitions), 1 / members when every member sees the same (a share group)
 * @param maxInstances instances that could share this instance's work: the partitions it holds in
 *     a consumer group (one without a partition is given no work); unbounded for a share group
 * @param recordsPerWorkerSecond what a busy worker completed per second when last measured; NaN
 *     if never
 */
public record Load(double seconds, long completed, double busyWorkerSeconds, int workers, long backlogBefore, long backlogNow,
        double backlogShare, int maxInstances, double recordsPerWorkerSecond) {
}
