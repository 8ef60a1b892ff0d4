package io.kclient.bench.fork;

import io.kclient.bench.contender.Contender;
import io.kclient.bench.contender.Contenders;
import io.kclient.bench.measure.DaemonTimer;
import io.kclient.bench.measure.FixedHeap;
import io.kclient.bench.measure.UsageMeter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The child's side: runs one contender, one run after another, as {@link ContenderJvm} commands
 * it (see {@link HostProtocol}), and measures each run in this JVM. Ends when its input ends.
 */
public final class ContenderHost {

    /** The benchmark's option that makes its JVM a contender's host. */
    public static final String OPTION = "--contender-host";

    private final String name;
    /** Replies only: whatever else the JVM's code prints goes to standard error (see {@link #run}). */
    private final PrintStream out = System.out;
    private final ScheduledExecutorService watcher = DaemonTimer.named("contender-host-watcher");
    private volatile Contender contender;
    private volatile boolean failureSaid;
    private UsageMeter meter;

    private ContenderHost(String name) {
        this.name = name;
    }

    /** Hosts contender {@code name} until standard input ends, then exits the JVM. */
    public static void run(String name) throws Exception {
        Contenders.create(name); // an unknown name fails here, before the parent waits for "ready"
        ContenderHost host = new ContenderHost(name);
        System.setOut(System.err);
        host.serve();
        System.exit(0); // a client library's stray non-daemon thread must not keep the JVM alive
    }

    private void serve() throws Exception {
        String heapWarning = FixedHeap.warning();
        if (heapWarning != null) {
            System.err.println(name + ": " + heapWarning);
        }
        // started before any run, so that its thread is not counted as the contender's
        watcher.scheduleWithFixedDelay(this::sayFailure, 100, 100, TimeUnit.MILLISECONDS);
        reply(HostProtocol.READY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] command = HostProtocol.fields(line);
            try {
                reply(handle(command));
            } catch (Exception e) {
                reply(HostProtocol.line(HostProtocol.ERROR, String.valueOf(e)));
            }
        }
        closeContender();
    }

    private String handle(String[] command) throws Exception {
        switch (command[0]) {
            case HostProtocol.SETTLE -> UsageMeter.settleHeap();
            case HostProtocol.START -> {
                failureSaid = false;
                meter = new UsageMeter();
                meter.start();
                Contender started = Contenders.create(name);
                contender = started;
                started.start(HostProtocol.context(command));
            }
            case HostProtocol.USAGE -> {
                return HostProtocol.usage(meter.stop());
            }
            case HostProtocol.CLOSE -> closeContender();
            default -> throw new IllegalArgumentException("Unknown command " + command[0]);
        }
        return HostProtocol.DONE;
    }

    private void closeContender() {
        Contender running = contender;
        contender = null;
        if (running != null) {
            running.close();
        }
        if (meter != null) {
            meter.close();
            meter = null;
        }
    }

    private void sayFailure() {
        Contender running = contender;
        Throwable failure = running == null ? null : running.failure();
        if (failure != null && !failureSaid) {
            failureSaid = true;
            reply(HostProtocol.line(HostProtocol.FAILURE, String.valueOf(failure)));
        }
    }

    private void reply(String line) {
        synchronized (out) {
            out.println(HostProtocol.PREFIX + line);
            out.flush();
        }
    }
}
