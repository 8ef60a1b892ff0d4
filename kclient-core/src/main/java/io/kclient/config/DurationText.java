package io.kclient.config;

import io.kclient.KClientConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration written as in Spring properties ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}) or ISO-8601. */
final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationText() {
    }

    /** @param where what the value belongs to, for the error message */
    static Duration parse(String text, String where) {
        String value = text.trim();
        Matcher simple = SIMPLE.matcher(value);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new KClientConfigurationException("Invalid duration '" + text + "' in " + where
                    + ": write it like 500ms, 10s, 5m, 1h, 1d or PT30S", e);
        }
    }
}
