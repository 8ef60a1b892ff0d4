package io.kclient.bench;

import io.kclient.bench.fork.ContenderHost;
import io.kclient.bench.kafka.Cluster;
import io.kclient.bench.measure.FixedHeap;
import io.kclient.bench.measure.ResultTable;
import io.kclient.bench.measure.ResultTable.Reference;
import io.kclient.bench.measure.RoundTrips;
import io.kclient.bench.measure.Rounds;
import io.kclient.bench.measure.RunResult;
import io.kclient.bench.rpc.RoundTripRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The benchmark of issue 3, a program rather than a test: each contender (a hand-written
 * kafka-clients loop, KClient in each ordering mode, Spring for Apache Kafka, Confluent Parallel
 * Consumer) turns the same preloaded N JSON dogs into N cats, and is timed until all N cats can be
 * read back from its output topic, then verified. Run with {@code --help} for the options.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(ContenderHost.OPTION)) {
            ContenderHost.run(args[1]);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
                System.err.println();
            }
            System.err.println(BenchOptions.usage());
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        String heapWarning = FixedHeap.warning();
        if (heapWarning != null) {
            say(heapWarning);
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Rounds> results = new ArrayList<>();
        List<RoundTrips> roundTrips = new ArrayList<>();
        Map<String, Reference> references = new LinkedHashMap<>();
        boolean embedded;
        try (Cluster cluster = Cluster.open(options.bootstrapServers())) {
            embedded = cluster.isEmbedded();
            for (Scenario scenario : options.scenarios()) {
                if (scenario.isRoundTrip()) {
                    say(scenario.name() + ": timing " + scenario.records() + " sequential calls ...");
                    roundTrips.addAll(new RoundTripRun(cluster, scenario, runId).run());
                    continue;
                }
                List<Rounds> scenarioResults = new ScenarioRun(cluster, scenario, runId, options.timeout(), options.contenderJvmOptions(scenario)).run();
                results.addAll(scenarioResults);
                references.put(scenario.name(), reference(scenario, scenarioResults));
            }
        }
        ResultTable table = new ResultTable(results, references);
        say("");
        if (!results.isEmpty()) {
            say(table.toText());
        }
        if (!roundTrips.isEmpty()) {
            say(RoundTrips.toText(roundTrips));
        }
        Path file = resultsFile(options);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown(options, results.isEmpty() ? "" : table.toMarkdown(), roundTrips, embedded, heapWarning));
        say("Written to " + file);
        System.exit(0); // a client library's stray non-daemon thread must not keep the benchmark alive
    }

    /** fast: the hand-written loop's median rate; slow: the ideal, concurrency / handler time. */
    private static Reference reference(Scenario scenario, List<Rounds> results) {
        if (scenario.idealRate() > 0) {
            return new Reference(String.format(Locale.ROOT, "ideal %,.0f/s", scenario.idealRate()), scenario.idealRate());
        }
        String baseline = scenario.contenders().get(0);
        double rate = results.stream().map(Rounds::median).filter(r -> r.contender().equals(baseline)).mapToDouble(RunResult::rate)
                .findFirst().orElse(0);
        return new Reference(baseline, rate);
    }

    private static Path resultsFile(BenchOptions options) {
        if (options.resultsFile() != null) {
            return Path.of(options.resultsFile());
        }
        return Files.isDirectory(Path.of("kclient-bench")) ? Path.of("kclient-bench", "target", "results.md")
                : Path.of("target", "results.md");
    }

    private static String markdown(BenchOptions options, String throughput, List<RoundTrips> roundTrips, boolean embedded,
            String heapWarning) {
        Runtime runtime = Runtime.getRuntime();
        return "# KClient benchmark results\n\n"
                + String.format(Locale.ROOT, "%s; %d cores, max heap %,d MiB, Java %s; broker: %s.%n%n", Instant.now(),
                        runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024), System.getProperty("java.version"),
                        embedded ? "one in-process EmbeddedKafka node in the same JVM" : options.bootstrapServers())
                + "JVM arguments: `" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "`\n\n"
                + (heapWarning == null ? "" : heapWarning + "\n\n")
                + jvms(options)
                + "Where a scenario has several timed rounds, each contender ran them in turn and its row shows its median round.\n\n"
                + throughput
                + (roundTrips.isEmpty() ? "" : "\n" + RoundTrips.toMarkdown(roundTrips));
    }

    /** Which JVM each contender ran in. */
    private static String jvms(BenchOptions options) {
        List<String> own = options.scenarios().stream().map(options::contenderJvmOptions).filter(Objects::nonNull).toList();
        if (own.isEmpty()) {
            return "Every contender ran in this JVM, with the broker and the verifier.\n\n";
        }
        return "Each contender ran in a JVM of its own (`" + own.get(0) + "`), kept through the scenario's warm-up and rounds"
                + (own.size() < options.scenarios().size() ? " (except in backlog, which weighs the broker's heap too)" : "")
                + "; the broker and the verifier ran in this one. Heap and own CPU are the contender's JVM's;"
                + " CPU and JIT CPU add up both JVMs'.\n\n";
    }

    /** Progress and results go to standard output; logs go through SLF4J. */
    static void say(String line) {
        System.out.println(line);
    }
}
