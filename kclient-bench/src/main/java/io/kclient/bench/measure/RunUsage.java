package io.kclient.bench.measure;

/**
 * What one run used, as measured in one JVM.
 *
 * @param cpuSeconds CPU the whole JVM used
 * @param jitSeconds CPU its JIT compilers used
 * @param ownCpuSeconds CPU of the threads the contender started (see {@link ContenderThreads})
 * @param peakHeapBytes peak heap in use, sampled every 100 ms
 * @param peakHeapAfterGcBytes peak heap in use right after a collection
 */
public record RunUsage(double cpuSeconds, double jitSeconds, double ownCpuSeconds, long peakHeapBytes, long peakHeapAfterGcBytes) {

    /**
     * This JVM's usage (the broker's, the verifier's) together with that of the JVM the contender
     * ran in: CPU and compilation add up; own CPU and the heap are the contender's JVM's.
     */
    public RunUsage with(RunUsage contenderJvm) {
        return new RunUsage(cpuSeconds + contenderJvm.cpuSeconds, jitSeconds + contenderJvm.jitSeconds, contenderJvm.ownCpuSeconds,
                contenderJvm.peakHeapBytes, contenderJvm.peakHeapAfterGcBytes);
    }
}
