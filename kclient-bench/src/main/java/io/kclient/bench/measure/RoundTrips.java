package io.kclient.bench.measure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Round-trip latencies of one contender's calls, and their table rows: p50, p99, mean and max. */
public final class RoundTrips {

    private static final String[] HEADER = {"contender", "calls", "p50 ms", "p99 ms", "mean ms", "max ms"};

    private final String contender;
    private final long[] sorted;

    /** @param nanos each call's round trip, in nanoseconds; at least one */
    public RoundTrips(String contender, long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no round trips measured");
        }
        this.contender = contender;
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The latency below which {@code percent} of the calls came back (nearest rank), in milliseconds. */
    public double percentileMillis(double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    public double meanMillis() {
        return Arrays.stream(sorted).average().orElseThrow() / 1e6;
    }

    public double maxMillis() {
        return sorted[sorted.length - 1] / 1e6;
    }

    /** The Markdown table of these round trips, a row per contender. */
    public static String toMarkdown(List<RoundTrips> all) {
        StringBuilder md = new StringBuilder("| " + String.join(" | ", HEADER) + " |\n|---|---:|---:|---:|---:|---:|\n");
        all.forEach(trips -> md.append("| ").append(String.join(" | ", trips.row())).append(" |\n"));
        return md.toString();
    }

    /** The console's table of these round trips, a row per contender. */
    public static String toText(List<RoundTrips> all) {
        String columns = "%-14s  %6s  %7s  %7s  %7s  %7s%n";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, columns, (Object[]) HEADER));
        all.forEach(trips -> text.append(String.format(Locale.ROOT, columns, (Object[]) trips.row())));
        return text.toString();
    }

    private String[] row() {
        return new String[] {contender, String.format(Locale.ROOT, "%,d", sorted.length), millis(percentileMillis(50)),
            millis(percentileMillis(99)), millis(meanMillis()), millis(maxMillis())};
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
