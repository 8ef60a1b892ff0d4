package io.kclient.scaling;

import java.time.Duration;
import java.util.Objects;

/**
 * What the autoscaling signal aims at.
 *
 * @param targetUtilization the share of its workers' time an instance should be busy, above 0 and
 *     at most 1: headroom for bursts, 0.8 by default
 * @param drainTime how soon a backlog should be gone: the signal asks for the instances that would
 *     handle today's rate plus the backlog within this time; 1 minute by default
 * @param window how far back the rates and utilization are measured; 1 minute by default
 */
public record ScalingSettings(double targetUtilization, Duration drainTime, Duration window) {

    public static final ScalingSettings DEFAULT = new ScalingSettings(0.8, Duration.ofMinutes(1), Duration.ofMinutes(1));

    public ScalingSettings {
        Objects.requireNonNull(drainTime, "drainTime");
        Objects.requireNonNull(window, "window");
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("Invalid value " + targetUtilization
                    + " for targetUtilization: above 0 and at most 1 (0.8 keeps a fifth of the workers' time for bursts)");
        }
        if (drainTime.isNegative() || drainTime.isZero() || window.toMillis() < 1000) {
            throw new IllegalArgumentException("drainTime must be positive and window at least 1 s, were " + drainTime + " and " + window);
        }
    }
}
