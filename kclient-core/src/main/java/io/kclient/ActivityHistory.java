package io.kclient;

import java.util.List;

/**
 * One handler's recent past on this instance, as {@link KClient#activity(String)} gives it: totals
 * since it started, and what it did in each interval of the last minutes, oldest first.
 *
 * @param handler the handler id
 * @param completed records completed since the engine started (handled, or given up)
 * @param failed records given up since the engine started
 * @param intervalSeconds the length of each sample's interval
 * @param samples the last intervals, oldest first; none while the handler has not run for one
 */
public record ActivityHistory(String handler, long completed, long failed, long intervalSeconds, List<ActivitySample> samples) {

    public ActivityHistory {
        samples = List.copyOf(samples);
    }
}
