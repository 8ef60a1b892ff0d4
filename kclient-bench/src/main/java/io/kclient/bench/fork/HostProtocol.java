package io.kclient.bench.fork;

import io.kclient.bench.contender.ContenderContext;
import io.kclient.bench.measure.RunUsage;
import io.kclient.bench.model.DogToCat;
import java.time.Duration;
import java.util.Locale;

/**
 * What the benchmark's JVM and a contender's JVM say to each other: one command a line on the
 * child's standard input, one reply a line on its standard output, fields separated by tabs.
 * Replies carry {@link #PREFIX}, so that anything else the child prints passes through. The
 * child's own code prints to standard error; what the JVM itself prints to standard output (say
 * {@code -XX:+PrintCompilation}) can break a reply, so such diagnostics belong in a file.
 */
final class HostProtocol {

    static final String PREFIX = "@kclient-bench-host ";
    /** Replies. */
    static final String READY = "ready";
    static final String DONE = "done";
    static final String ERROR = "error";
    /** Said by the child, unasked, when its contender failed while running. */
    static final String FAILURE = "failure";
    /** Commands. */
    static final String SETTLE = "settle";
    static final String START = "start";
    static final String USAGE = "usage";
    static final String CLOSE = "close";

    private HostProtocol() {
    }

    static String line(String... fields) {
        return String.join("\t", fields).replace('\n', ' ');
    }

    static String[] fields(String line) {
        return line.split("\t", -1);
    }

    static String start(ContenderContext context) {
        return line(START, context.bootstrapServers(), context.inputTopic(), context.outputTopic(), context.groupId(),
                Integer.toString(context.partitions()), Integer.toString(context.concurrency()),
                Integer.toString(context.maxInFlight()), Long.toString(context.work().delay().toMillis()));
    }

    /** The context of a {@link #start} command's fields. */
    static ContenderContext context(String[] start) {
        return new ContenderContext(start[1], start[2], start[3], start[4], Integer.parseInt(start[5]), Integer.parseInt(start[6]),
                Integer.parseInt(start[7]), new DogToCat(Duration.ofMillis(Long.parseLong(start[8]))));
    }

    static String usage(RunUsage usage) {
        return line(DONE, number(usage.cpuSeconds()), number(usage.jitSeconds()), number(usage.ownCpuSeconds()),
                Long.toString(usage.peakHeapBytes()), Long.toString(usage.peakHeapAfterGcBytes()));
    }

    /** The usage of a reply to {@link #USAGE}. */
    static RunUsage usage(String[] reply) {
        return new RunUsage(Double.parseDouble(reply[1]), Double.parseDouble(reply[2]), Double.parseDouble(reply[3]),
                Long.parseLong(reply[4]), Long.parseLong(reply[5]));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
