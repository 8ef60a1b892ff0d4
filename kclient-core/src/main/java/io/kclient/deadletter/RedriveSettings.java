package io.kclient.deadletter;

/**
 * How dead letters are redriven.
 *
 * @param maxRedrives how often a dead letter may be redriven: one that failed again after this many
 *     redrives is refused, so a record that always fails cannot loop between its topic and its
 *     dead-letter topic; 3 by default
 */
public record RedriveSettings(int maxRedrives) {

    public static final RedriveSettings DEFAULT = new RedriveSettings(3);

    /** The most dead letters one listing returns. */
    public static final int MAX_PAGE = 100;

    public RedriveSettings {
        if (maxRedrives < 1) {
            throw new IllegalArgumentException("Invalid value " + maxRedrives + " for maxRedrives: at least 1");
        }
    }
}
