package io.kclient.bench.measure;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Measures, in the JVM it runs in, what a contender's run uses: the process's CPU, JIT and heap
 * (see {@link ResourceSampler}) and the CPU of the threads started after {@link #start()} (see
 * {@link ContenderThreads}).
 */
public final class UsageMeter implements AutoCloseable {

    private final ResourceSampler sampler = new ResourceSampler();
    private ContenderThreads own;

    /**
     * Starts each contender on a collected heap, so one run's garbage does not count for the next,
     * and on the heap the JVM already has: the collection gives no memory back to the system (see
     * {@link #keepHeapCommitted()}).
     */
    public static void settleHeap() throws InterruptedException {
        keepHeapCommitted();
        System.gc();
        Thread.sleep(500);
    }

    /** Starts measuring; every thread started from now on counts as the contender's. */
    public void start() {
        sampler.start();
        own = new ContenderThreads(); // after the sampler's thread started
    }

    /** Stops measuring and says what was used since {@link #start()}. */
    public RunUsage stop() {
        sampler.stop();
        return new RunUsage(sampler.cpuSeconds(), sampler.jitSeconds(), own.cpuSeconds(), sampler.peakHeapUsed(),
                sampler.peakHeapAfterGc());
    }

    @Override
    public void close() {
        sampler.close();
    }

    /**
     * A full collection may shrink the heap, and the next contender then pays, inside its timed
     * rounds, for the kernel zeroing every page it grows into again (in one profiled {@code fast}
     * run, page faults took 20% of KClient's threads' CPU and 9% of the hand-written loop's): a cost
     * of this harness, not of a service whose heap stays committed. {@code MaxHeapFreeRatio} is a
     * manageable flag, so the harness sets it itself, whatever the command line.
     */
    private static void keepHeapCommitted() {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("MaxHeapFreeRatio", "100");
    }
}
