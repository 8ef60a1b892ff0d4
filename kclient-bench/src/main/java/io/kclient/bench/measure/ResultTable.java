package io.kclient.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as a table: plain text for the console, Markdown for {@code results.md}. The ratio
 * compares each contender with its scenario's reference: the hand-written loop in {@code fast},
 * the ideal bound (concurrency / handler time) in {@code slow}.
 */
public final class ResultTable {

    private static final String[] HEADER = {"contender", "scenario", "N", "messages/s", "ratio", "reference",
        "peak heap MiB", "peak after GC MiB", "CPU s", "duplicates", "verified"};

    private final List<RunResult> results;
    private final Map<String, Reference> references;

    /**
     * @param results every run, in order
     * @param references per scenario name: the rate the ratio divides by, and what it is
     */
    public ResultTable(List<RunResult> results, Map<String, Reference> references) {
        this.results = List.copyOf(results);
        this.references = Map.copyOf(references);
    }

    /** What a scenario's ratio is relative to. */
    public record Reference(String name, double rate) {
    }

    public String toText() {
        List<String[]> rows = rows();
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                boolean left = i < 2 || i == 5 || i == HEADER.length - 1;
                String format = "%" + (left ? "-" : "") + widths[i] + "s";
                text.append(String.format(format, row[i])).append(i < row.length - 1 ? "  " : "\n");
            }
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    text.append("-".repeat(widths[i])).append(i < widths.length - 1 ? "  " : "\n");
                }
            }
        }
        return text.toString();
    }

    public String toMarkdown() {
        List<String[]> rows = rows();
        StringBuilder md = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            md.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
            if (r == 0) {
                md.append("|");
                for (int i = 0; i < HEADER.length; i++) {
                    md.append(i < 2 || i == 5 || i == HEADER.length - 1 ? "---|" : "---:|");
                }
                md.append("\n");
            }
        }
        return md.toString();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RunResult result : results) {
            Reference reference = references.get(result.scenario());
            boolean comparable = result.verified() && reference != null && reference.rate() > 0;
            rows.add(new String[] {
                result.contender(),
                result.scenario(),
                String.format(Locale.ROOT, "%,d", result.records()),
                result.verified() ? String.format(Locale.ROOT, "%,.0f", result.rate()) : "FAILED",
                comparable ? String.format(Locale.ROOT, "%.2fx", result.rate() / reference.rate()) : "-",
                reference != null ? reference.name() : "-",
                mib(result.peakHeapBytes()),
                mib(result.peakHeapAfterGcBytes()),
                String.format(Locale.ROOT, "%.1f", result.cpuSeconds()),
                String.format(Locale.ROOT, "%,d", result.duplicates()),
                result.verified() ? "yes" : "no: " + result.problem()});
        }
        return rows;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d", bytes / (1024 * 1024));
    }
}
