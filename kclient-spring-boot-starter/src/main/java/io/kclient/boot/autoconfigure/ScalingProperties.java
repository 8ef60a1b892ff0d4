package io.kclient.boot.autoconfigure;

import io.kclient.KClientConfigurationException;
import io.kclient.scaling.ScalingSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kclient.scaling.*}: what the autoscaling signal ({@code kclient.handler.instances.needed})
 * aims at. The defaults are {@link ScalingSettings#DEFAULT}'s, written out for the generated metadata.
 */
@ConfigurationProperties("kclient.scaling")
public class ScalingProperties {

    /** The share of its workers' time an instance should be busy: above 0, at most 1. */
    private double targetUtilization = 0.8;

    /** How soon a backlog should be gone: the signal asks for what handles today's rate and the backlog within this time. */
    private Duration drainTime = Duration.ofMinutes(1);

    /** How far back rates and utilization are measured; at least 1s. */
    private Duration window = Duration.ofMinutes(1);

    /** The engine's settings; a bad value fails the start naming the properties. */
    public ScalingSettings build() {
        try {
            return new ScalingSettings(targetUtilization, drainTime, window);
        } catch (IllegalArgumentException e) {
            throw new KClientConfigurationException("Invalid kclient.scaling.*: " + e.getMessage(), e);
        }
    }

    public double getTargetUtilization() { return targetUtilization; }
    public void setTargetUtilization(double targetUtilization) { this.targetUtilization = targetUtilization; }
    public Duration getDrainTime() { return drainTime; }
    public void setDrainTime(Duration drainTime) { this.drainTime = drainTime; }
    public Duration getWindow() { return window; }
    public void setWindow(Duration window) { this.window = window; }
}
