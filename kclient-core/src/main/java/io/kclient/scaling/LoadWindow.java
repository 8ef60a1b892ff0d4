package io.kclient.scaling;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One instance's samples of a handler's load over the last {@link ScalingSettings#window()}, and
 * the instances needed they show. Fed about once a second, from one thread.
 */
public final class LoadWindow {

    private final ScalingSettings settings;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long completed;
    private double busyWorkerSeconds;
    private double recordsPerWorkerSecond = Double.NaN;

    public LoadWindow(ScalingSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds what the instance does now and returns its part of the instances the handler needs.
     *
     * @param nanos {@code System.nanoTime()} now
     * @param completedSoFar records completed since the start, a running count
     * @param busyWorkers workers busy at this moment
     * @param workers the workers that can be busy at once
     * @param backlog records waiting now, in flight included
     * @param backlogShare the share of the backlog this instance answers for
     * @param maxInstances instances that could share this instance's work
     */
    public double add(long nanos, long completedSoFar, int busyWorkers, int workers, long backlog, double backlogShare,
            int maxInstances) {
        Sample last = samples.peekLast();
        if (last != null) {
            busyWorkerSeconds += busyWorkers * (nanos - last.nanos()) / 1e9; // as if busy since the last sample
        }
        completed = completedSoFar;
        samples.addLast(new Sample(nanos, completed, busyWorkerSeconds, backlog));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > settings.window().toNanos()) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        Load load = new Load((nanos - first.nanos()) / 1e9, completed - first.completed(), busyWorkerSeconds - first.busyWorkerSeconds(),
                workers, first.backlog(), backlog, backlogShare, maxInstances, recordsPerWorkerSecond);
        recordsPerWorkerSecond = InstancesNeeded.measuredPerWorker(load);
        return InstancesNeeded.estimate(load, settings);
    }

    /** Forgets every sample: the handler starts again, and a stop's idle time says nothing of its load. */
    public void reset() {
        samples.clear();
        busyWorkerSeconds = 0;
    }

    private record Sample(long nanos, long completed, double busyWorkerSeconds, long backlog) {
    }
}
