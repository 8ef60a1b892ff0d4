package io.kclient.listener;

import io.kclient.Ordering;
import io.kclient.scaling.LoadWindow;
import io.kclient.scaling.ScalingSettings;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * One handler's load as the autoscaling signal measures it on this instance: records completed
 * (counted by {@link HandlerActivity}), workers busy (sampled once a second), backlog, and what they say of the instances the handler
 * needs ({@link io.kclient.scaling.InstancesNeeded}).
 */
public final class HandlerLoad {

    private final Ordering ordering;
    private final int concurrency;
    private final LoadWindow window;
    private volatile IntSupplier busyWorkers = () -> 0;
    private volatile double instancesNeeded;

    /**
     * @param ordering the handler's ordering: with {@code PARTITION} no more workers are busy than partitions held
     * @param concurrency the handler's workers
     * @param settings what the signal aims at
     */
    public HandlerLoad(Ordering ordering, int concurrency, ScalingSettings settings) {
        this.ordering = ordering;
        this.concurrency = concurrency;
        this.window = new LoadWindow(settings);
    }

    /** This instance's part of the instances the handler needs, as last sampled; 0 before the first sample. */
    public double instancesNeeded() {
        return instancesNeeded;
    }

    /** A new run's workers: their count of busy threads is read at each sample. */
    void workers(IntSupplier busy) {
        busyWorkers = busy;
        window.reset();
    }

    /** A stopped handler needs nothing. */
    void stopped() {
        busyWorkers = () -> 0;
        instancesNeeded = 0;
    }

    /**
     * On a consumer group's poll thread: its backlog is the lag of the partitions it holds plus what it has in flight.
     *
     * @param completed records completed since the start, a running count
     */
    double sampleConsumerGroup(long completed, int partitions, Map<?, Long> lag, int inFlight) {
        int workers = ordering == Ordering.PARTITION ? Math.min(concurrency, partitions) : concurrency;
        return sample(completed, workers, total(lag) + inFlight, 1.0, partitions);
    }

    /** On a share group's poll thread: every member sees the group's whole lag, and answers for its part. */
    double sampleShareGroup(long completed, Map<?, Long> groupLag, int members) {
        return sample(completed, concurrency, total(groupLag), 1.0 / Math.max(1, members), Integer.MAX_VALUE);
    }

    private double sample(long completed, int workers, long backlog, double backlogShare, int maxInstances) {
        instancesNeeded = window.add(System.nanoTime(), completed, busyWorkers.getAsInt(), workers, backlog, backlogShare,
                maxInstances);
        return instancesNeeded;
    }

    private static long total(Map<?, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
