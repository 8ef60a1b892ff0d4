package io.kclient.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU this JVM's JIT compiler threads have used, read from Linux's {@code /proc} (the JVM's
 * management beans give only the compilations' elapsed time, which on a busy machine counts the
 * time a compiler waited for a core). 0 where there is no {@code /proc}.
 */
final class JitCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux's clock ticks per second for a task's times, {@code USER_HZ}: 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100;

    private JitCpu() {
    }

    /** Seconds of CPU the compiler threads alive now have used since they started. */
    static double seconds() {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                ticks += compilerTicks(task);
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** User and system ticks of a compiler thread ({@code C1 CompilerThre}, {@code C2 CompilerThre}), else 0. */
    private static long compilerTicks(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open || !stat.substring(open + 1, close).contains("CompilerThre")) {
                return 0;
            }
            // after the name: state, then fields 4 to 13, then utime and stime (fields 14 and 15)
            String[] fields = stat.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // a thread that ended meanwhile
        }
    }
}
