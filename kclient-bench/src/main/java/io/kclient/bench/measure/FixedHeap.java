package io.kclient.bench.measure;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Whether the JVM's heap was sized once and touched before the runs ({@code -Xms} equal to
 * {@code -Xmx}, {@code -XX:+AlwaysPreTouch}), as a service's heap is once it has run a while.
 * Otherwise G1 grows the heap during the runs, and whichever contender runs while it grows pays,
 * inside its timed rounds, for the kernel zeroing the new pages: in one {@code fast} run on a
 * growable heap the resident memory grew by 430 MiB during one of KClient's rounds (55,000 page
 * faults a second), and zeroing pages took 12% of KClient's worker threads' CPU samples. Which
 * contender pays depends on when G1 decides to grow, so the ratios move from run to run by more
 * than the engines differ.
 */
public final class FixedHeap {

    /** The JVM options the documented commands run the benchmark with. */
    public static final String JVM_OPTIONS = "-Xms3g -Xmx3g -XX:+AlwaysPreTouch";
    /** The options of a contender's own JVM: a fixed heap too, smaller, since it holds neither broker nor verifier. */
    public static final String CONTENDER_JVM_OPTIONS = "-Xms1g -Xmx1g -XX:+AlwaysPreTouch";
    private static final String ADVICE = "run the benchmark with -Xms equal to -Xmx and -XX:+AlwaysPreTouch (say "
            + "java " + JVM_OPTIONS + " -jar ...), so that no contender pays for the heap growing";

    private FixedHeap() {
    }

    /** Why this JVM's heap may still grow during the runs, with what to do about it; {@code null} when it cannot. */
    public static String warning() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long initial = Long.parseLong(vm.getVMOption("InitialHeapSize").getValue());
        long max = Long.parseLong(vm.getVMOption("MaxHeapSize").getValue());
        boolean preTouched = Boolean.parseBoolean(vm.getVMOption("AlwaysPreTouch").getValue());
        if (initial == max && preTouched) {
            return null;
        }
        String why = initial != max
                ? String.format(Locale.ROOT, "the heap may grow from %,d to %,d MiB", initial >> 20, max >> 20)
                : "the heap's pages are first touched";
        return "Warning: " + why + " while contenders are timed; " + ADVICE + ".";
    }
}
