package io.kclient.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as a table: plain text for the console, Markdown for {@code results.md}. The ratio
 * compares each contender with its scenario's reference: the hand-written loop in {@code fast},
 * the ideal bound (concurrency / handler time) in {@code slow}. "CPU s" is what the JVMs used
 * during the run, broker included; "JIT CPU s" the part of it the JIT compilers used (see
 * {@link JitCpu}); "own CPU s" only the contender's own threads (see
 * {@link ContenderThreads}); "own / verifier CPU" the median over the rounds of own CPU per CPU
 * second of the verifier (see {@link RunResult#relativeCpu()}).
 */
public final class ResultTable {

    private static final String[] HEADER = {"contender", "scenario", "N", "messages/s", "ratio", "reference",
        "rounds: messages/s", "peak heap MiB", "peak after GC MiB", "CPU s", "JIT CPU s", "own CPU s", "own / verifier CPU", "duplicates", "verified"};

    private final List<Rounds> results;
    private final Map<String, Reference> references;

    /**
     * @param results every contender's rounds, in order; a row shows the median round
     * @param references per scenario name: the rate the ratio divides by, and what it is
     */
    public ResultTable(List<Rounds> results, Map<String, Reference> references) {
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
                boolean left = isText(i);
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
                    md.append(isText(i) ? "---|" : "---:|");
                }
                md.append("\n");
            }
        }
        return md.toString();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Rounds rounds : results) {
            RunResult result = rounds.median();
            Reference reference = references.get(result.scenario());
            boolean comparable = result.verified() && reference != null && reference.rate() > 0;
            rows.add(new String[] {
                result.contender(),
                result.scenario(),
                String.format(Locale.ROOT, "%,d", result.records()),
                result.verified() ? String.format(Locale.ROOT, "%,.0f", result.rate()) : "FAILED",
                comparable ? String.format(Locale.ROOT, "%.2fx", result.rate() / reference.rate()) : "-",
                reference != null ? reference.name() : "-",
                range(rounds),
                mib(result.usage().peakHeapBytes()),
                mib(result.usage().peakHeapAfterGcBytes()),
                String.format(Locale.ROOT, "%.1f", result.usage().cpuSeconds()),
                String.format(Locale.ROOT, "%.1f", result.usage().jitSeconds()),
                String.format(Locale.ROOT, "%.1f", result.usage().ownCpuSeconds()),
                rounds.medianRelativeCpu() > 0 ? String.format(Locale.ROOT, "%.2f", rounds.medianRelativeCpu()) : "-",
                String.format(Locale.ROOT, "%,d", result.duplicates()),
                result.verified() ? "yes" : "no: " + result.problem()});
        }
        return rows;
    }

    /** Names and the verdict are aligned left, figures right. */
    private static boolean isText(int column) {
        return column < 2 || column == 5 || column == HEADER.length - 1;
    }

    /** How many rounds, and the lowest and highest rate among them. */
    private static String range(Rounds rounds) {
        int count = rounds.runs().size();
        return count == 1 ? "1" : String.format(Locale.ROOT, "%d: %,.0f-%,.0f", count, rounds.minRate(), rounds.maxRate());
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d", bytes / (1024 * 1024));
    }
}
