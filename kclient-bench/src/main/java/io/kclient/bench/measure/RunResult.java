package io.kclient.bench.measure;

/**
 * One contender's run of one scenario.
 *
 * @param contender the contender's name
 * @param scenario the scenario's name
 * @param records N
 * @param seconds from the contender's start until all N outputs were read back; 0 when failed
 * @param usage what it used: CPU, the JIT's time and heap of the JVMs involved, and the CPU of
 *     the threads the contender started (its consumers, producers and workers), without the
 *     broker, the JIT, GC and the verifier
 * @param verifierCpuSeconds CPU of the verifier's thread over the same time: the same work per
 *     record for every contender
 * @param duplicates outputs beyond the first of their input
 * @param problem why the run failed (not timed), or {@code null} when verified
 */
public record RunResult(String contender, String scenario, long records, double seconds, RunUsage usage,
        double verifierCpuSeconds, long duplicates, String problem) {

    public boolean verified() {
        return problem == null;
    }

    /**
     * The contender's own CPU per CPU second of the verifier, or 0 when unknown. The machine's
     * speed varies from one run to the next (by half for one contender's own CPU here) and the
     * verifier's CPU moves with it, so this ratio compares engines across runs far better than
     * own CPU or messages per second do. A slower contender is flattered slightly: the verifier
     * polls more often per record it reads.
     */
    public double relativeCpu() {
        return verified() && verifierCpuSeconds > 0 ? usage.ownCpuSeconds() / verifierCpuSeconds : 0;
    }

    /** Messages per second, or 0 for a failed run. */
    public double rate() {
        return verified() && seconds > 0 ? records / seconds : 0;
    }
}
