package io.kclient.bench.fork;

import io.kclient.bench.contender.Contenders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One contender's JVM, seen from the benchmark's: started with the benchmark's own jar or class
 * path, commanded a line at a time (see {@link HostProtocol}). What the child prints besides its
 * replies passes through to this JVM's output; its log goes to the same standard error.
 */
final class ContenderJvm implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final boolean keepsKeyOrder;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private volatile String failure;

    ContenderJvm(String name, String jvmOptions) throws IOException, InterruptedException {
        this.name = name;
        this.keepsKeyOrder = Contenders.create(name).keepsKeyOrder();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        command.addAll(launcher());
        command.addAll(List.of(ContenderHost.OPTION, name));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "contender-jvm-" + name);
        reader.setDaemon(true);
        reader.start();
        await(HostProtocol.READY);
    }

    String name() {
        return name;
    }

    /** Whether its contender promises per-key order. */
    boolean keepsKeyOrder() {
        return keepsKeyOrder;
    }

    /** Why its contender failed during a run, or why the JVM is gone; {@code null} when neither. */
    String failure() {
        return failure;
    }

    /** Whether the JVM still runs: one that exited is started again for the contender's next run. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Starts a run: an earlier run's failure no longer counts. */
    void start(String command) throws IOException, InterruptedException {
        failure = null;
        request(command);
    }

    /** Sends {@code command} and returns the reply's fields; throws when the child could not do it, or is gone. */
    synchronized String[] request(String command) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + "'s JVM exited" + exitCode());
        }
        commands.write(command + "\n");
        commands.flush();
        return await(HostProtocol.DONE);
    }

    /** Ends the child: its input ends, which closes its contender; killed if it does not exit soon. */
    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // the child is gone already
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * How to start the benchmark again: its jar when it was started with {@code -jar}, else its
     * class path and main class.
     */
    private static List<String> launcher() {
        String launched = System.getProperty("sun.java.command", "").split(" ")[0];
        return launched.endsWith(".jar") ? List.of("-jar", launched)
                : List.of("-cp", System.getProperty("java.class.path"), launched);
    }

    private String[] await(String expected) throws InterruptedException {
        String reply = replies.poll(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply == null) {
            throw new IllegalStateException(name + "'s JVM did not answer within " + REPLY_TIMEOUT.toSeconds() + " s");
        }
        String[] fields = HostProtocol.fields(reply);
        if (!fields[0].equals(expected)) {
            throw new IllegalStateException(name + "'s JVM: " + String.join(" ", fields));
        }
        return fields;
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? " with code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith(HostProtocol.PREFIX)) {
                    System.out.println(line);
                    continue;
                }
                String reply = line.substring(HostProtocol.PREFIX.length());
                if (reply.startsWith(HostProtocol.FAILURE + "\t")) {
                    failure = reply.substring(HostProtocol.FAILURE.length() + 1);
                } else {
                    replies.add(reply);
                }
            }
        } catch (IOException e) {
            // the child is gone; said below
        }
        String exit = "its JVM exited" + exitCode();
        failure = failure != null ? failure : exit;
        replies.add(HostProtocol.line(HostProtocol.ERROR, exit));
    }
}
