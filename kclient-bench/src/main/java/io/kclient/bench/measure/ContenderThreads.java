package io.kclient.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CPU used by the threads a contender started: its consumers, producers and workers. Unlike
 * the process's CPU it leaves out the broker, the JIT compiler, the garbage collector and the
 * verifier, which on a small machine vary from run to run by more than the engines differ, so it
 * compares what the engines themselves cost. A thread that ended before the measure is not
 * counted; a contender's threads live until it is closed.
 */
final class ContenderThreads {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<Long> existing;

    /** Notes the threads alive now: any thread started later belongs to the contender. */
    ContenderThreads() {
        existing = Arrays.stream(threads.getAllThreadIds()).boxed().collect(Collectors.toSet());
    }

    /** CPU seconds of the threads started since, and still alive. */
    double cpuSeconds() {
        long nanos = 0;
        for (long id : threads.getAllThreadIds()) {
            if (!existing.contains(id)) {
                nanos += Math.max(0, threads.getThreadCpuTime(id)); // -1 for a thread that just ended
            }
        }
        return nanos / 1e9;
    }
}
