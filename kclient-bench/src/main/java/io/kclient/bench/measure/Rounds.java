package io.kclient.bench.measure;

import java.util.Comparator;
import java.util.List;

/**
 * The timed rounds of one contender in one scenario. Run to run, a contender's rate moves by 10 to
 * 20% on a small machine (the JIT still compiles, the broker shares the cores), so the table shows
 * the median round and the range of all of them.
 *
 * @param runs the rounds, in the order they ran; at least one
 */
public record Rounds(List<RunResult> runs) {

    public Rounds {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a contender needs at least one round");
        }
        runs = List.copyOf(runs);
    }

    /** The round of median rate (the higher of the two middle ones for an even count), or the first failed one: a failure is never outvoted. */
    public RunResult median() {
        return runs.stream().filter(run -> !run.verified()).findFirst().orElseGet(() -> {
            List<RunResult> byRate = runs.stream().sorted(Comparator.comparingDouble(RunResult::rate)).toList();
            return byRate.get(byRate.size() / 2);
        });
    }

    /** The median of the rounds' {@link RunResult#relativeCpu() relative CPU}, taken on its own: 0 when any round failed. */
    public double medianRelativeCpu() {
        double[] sorted = runs.stream().mapToDouble(RunResult::relativeCpu).sorted().toArray();
        return sorted[0] == 0 ? 0 : sorted[sorted.length / 2];
    }

    public double minRate() {
        return runs.stream().mapToDouble(RunResult::rate).min().orElseThrow();
    }

    public double maxRate() {
        return runs.stream().mapToDouble(RunResult::rate).max().orElseThrow();
    }
}
