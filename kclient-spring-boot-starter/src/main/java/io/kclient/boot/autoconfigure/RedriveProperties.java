package io.kclient.boot.autoconfigure;

import io.kclient.KClientConfigurationException;
import io.kclient.deadletter.RedriveSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kclient.redrive.*}: how dead letters are redriven. The default is
 * {@link RedriveSettings#DEFAULT}'s, written out for the generated metadata.
 */
@ConfigurationProperties("kclient.redrive")
public class RedriveProperties {

    /**
     * How often a dead letter may be redriven: one that failed again after this many redrives is
     * refused, so a record that always fails cannot loop between its topic and its dead-letter topic.
     */
    private int maxRedrives = 3;

    /** The engine's settings; a bad value fails the start naming the property. */
    public RedriveSettings build() {
        try {
            return new RedriveSettings(maxRedrives);
        } catch (IllegalArgumentException e) {
            throw new KClientConfigurationException("Invalid kclient.redrive.max-redrives: " + e.getMessage(), e);
        }
    }

    public int getMaxRedrives() { return maxRedrives; }
    public void setMaxRedrives(int maxRedrives) { this.maxRedrives = maxRedrives; }
}
