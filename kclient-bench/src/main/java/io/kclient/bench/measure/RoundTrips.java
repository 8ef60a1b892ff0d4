package io.kclient.bench.measure;

import java.util.Arrays;
import java.util.Locale;

/** Round-trip latencies of one scenario's calls, and their table: p50, p99, mean and max. */
public final class RoundTrips {

    private final String scenario;
    private final long[] sorted;

    /** @param nanos each call's round trip, in nanoseconds; at least one */
    public RoundTrips(String scenario, long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no round trips measured");
        }
        this.scenario = scenario;
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

    public String toMarkdown() {
        return "| scenario | calls | p50 ms | p99 ms | mean ms | max ms |\n|---|---:|---:|---:|---:|---:|\n"
                + String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f | %.2f |%n", scenario, sorted.length,
                        percentileMillis(50), percentileMillis(99), meanMillis(), maxMillis());
    }

    public String toText() {
        String columns = "%-10s  %8s  %8s  %8s  %8s  %8s%n";
        return String.format(Locale.ROOT, columns, "scenario", "calls", "p50 ms", "p99 ms", "mean ms", "max ms")
                + String.format(Locale.ROOT, columns, scenario, String.format(Locale.ROOT, "%,d", sorted.length),
                        millis(percentileMillis(50)), millis(percentileMillis(99)), millis(meanMillis()), millis(maxMillis()));
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
