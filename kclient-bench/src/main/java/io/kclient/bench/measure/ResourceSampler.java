package io.kclient.bench.measure;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Samples the heap every 100 ms during a run: the peak of heap in use (which mostly shows how much
 * garbage the run makes between collections) and the peak of heap left right after a
 * collection (closer to what the run keeps alive). Also the CPU the whole process used, and the
 * part of it the JIT compilers used (a contender that makes the JIT compile again pays for it in
 * its own run, as a service would only after a deployment). The
 * numbers cover the whole JVM, so an in-process broker and the verifier are in them for every
 * contender alike.
 */
public final class ResourceSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPoolNames = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final ScheduledExecutorService timer = DaemonTimer.named("resource-sampler");
    private volatile long peakUsed;
    private volatile long peakAfterGc;
    private long cpuAtStart;
    private long cpuAtStop;
    private double jitAtStart;
    private double jitAtStop;

    public void start() {
        cpuAtStart = processCpuNanos();
        jitAtStart = JitCpu.seconds();
        timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        cpuAtStop = processCpuNanos();
        jitAtStop = JitCpu.seconds();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    public long peakHeapUsed() {
        return peakUsed;
    }

    public long peakHeapAfterGc() {
        return peakAfterGc;
    }

    public double cpuSeconds() {
        return (cpuAtStop - cpuAtStart) / 1e9;
    }

    /** CPU the JIT compilers used during the run (see {@link JitCpu}), or 0 when unknown. */
    public double jitSeconds() {
        return jitAtStop - jitAtStart;
    }

    private void sample() {
        peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
        peakAfterGc = Math.max(peakAfterGc, heapAfterLatestGc());
    }

    /** Heap in use right after the most recent collection, young ones included. */
    private long heapAfterLatestGc() {
        GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean gc) {
                GcInfo info = gc.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return 0;
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
