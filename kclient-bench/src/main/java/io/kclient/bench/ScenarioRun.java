package io.kclient.bench;

import io.kclient.bench.contender.Contender;
import io.kclient.bench.contender.ContenderContext;
import io.kclient.bench.contender.Contenders;
import io.kclient.bench.fork.ContenderJvms;
import io.kclient.bench.kafka.Cluster;
import io.kclient.bench.kafka.Preloader;
import io.kclient.bench.measure.ContenderRun;
import io.kclient.bench.measure.Rounds;
import io.kclient.bench.measure.RunResult;
import io.kclient.bench.model.DogToCat;
import io.kclient.bench.model.Kennel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario: a warm-up round, in which every contender handles a smaller input untimed, then
 * the timed rounds on the scenario's own input, preloaded once. Each round runs every contender in
 * turn, so a slow spell of the machine falls on all of them; each run has its own consumer group
 * and output topic, and the scenario's topics are deleted at the end. Each contender runs in a JVM
 * of its own unless told otherwise (see {@link io.kclient.bench.fork}).
 */
final class ScenarioRun {

    private final Cluster cluster;
    private final Scenario scenario;
    private final String runId;
    private final Duration timeout;
    private final String contenderJvmOptions;

    /** @param contenderJvmOptions the options of each contender's own JVM, or {@code null} to run the contenders in this one */
    ScenarioRun(Cluster cluster, Scenario scenario, String runId, Duration timeout, String contenderJvmOptions) {
        this.cluster = cluster;
        this.scenario = scenario;
        this.runId = runId;
        this.timeout = timeout != null ? timeout : scenario.timeout();
        this.contenderJvmOptions = contenderJvmOptions;
    }

    /** Every contender's timed rounds, in the scenario's order of contenders. */
    List<Rounds> run() throws InterruptedException, IOException {
        String prefix = "bench-" + runId + "-" + scenario.name();
        List<String> topics = new ArrayList<>();
        Kennel kennel = new Kennel(scenario.keys());
        try (ContenderJvms jvms = contenderJvmOptions == null ? null : new ContenderJvms(contenderJvmOptions)) {
            if (scenario.warmUpRecords() > 0) {
                String input = preload(prefix + "-warm-up", scenario.warmUpRecords(), kennel, topics);
                for (String name : scenario.contenders()) {
                    RunResult result = runContender(jvms, name, input, prefix + "-warm-up", scenario.warmUpRecords(), kennel, topics);
                    Benchmark.say(scenario.name() + ": warmed up " + name
                            + (result.verified() ? "" : ", though it FAILED: " + result.problem()));
                }
            }
            String input = preload(prefix, scenario.records(), kennel, topics);
            Map<String, List<RunResult>> results = new LinkedHashMap<>();
            int rounds = scenario.rounds();
            for (int round = 1; round <= rounds; round++) {
                String roundPrefix = rounds == 1 ? prefix : prefix + "-round" + round;
                String of = rounds == 1 ? "" : " (round " + round + " of " + rounds + ")";
                for (String name : scenario.contenders()) {
                    Benchmark.say(scenario.name() + ": running " + name + of + " ...");
                    RunResult result = runContender(jvms, name, input, roundPrefix, scenario.records(), kennel, topics);
                    Benchmark.say(result.verified()
                            ? String.format(Locale.ROOT, "%s: %s %,.0f messages/s (%.1f s)", scenario.name(), name, result.rate(), result.seconds())
                            : scenario.name() + ": " + name + " FAILED: " + result.problem());
                    results.computeIfAbsent(name, key -> new ArrayList<>()).add(result);
                }
            }
            return results.values().stream().map(Rounds::new).toList();
        } finally {
            cluster.deleteTopics(topics);
        }
    }

    /** Creates {@code <prefix>-dogs} (and its dead-letter topic) holding {@code records} dogs; returns its name. */
    private String preload(String prefix, long records, Kennel kennel, List<String> topics) {
        String input = prefix + "-dogs";
        // the dead-letter topic too, so no KClient run pays for creating it
        topics.addAll(List.of(input, input + ".DLT"));
        cluster.createTopics(scenario.partitions(), input, input + ".DLT");
        long loadStart = System.nanoTime();
        new Preloader(cluster.bootstrapServers()).preload(input, records, kennel);
        Benchmark.say(String.format(Locale.ROOT, "%s: preloaded %,d dogs over %,d keys into %d partition(s) in %.1f s",
                scenario.name(), records, scenario.keys(), scenario.partitions(), (System.nanoTime() - loadStart) / 1e9));
        return input;
    }

    /**
     * Runs contender {@code name} on {@code input} with its own group and output topic, both named
     * after {@code prefix}: in its own JVM among {@code jvms}, or in this one when that is {@code null}.
     */
    private RunResult runContender(ContenderJvms jvms, String name, String input, String prefix, long records, Kennel kennel,
            List<String> topics) throws InterruptedException, IOException {
        String output = prefix + "-cats-" + name;
        topics.add(output);
        cluster.createTopics(scenario.partitions(), output);
        Contender contender = jvms != null ? jvms.prepare(name) : Contenders.create(name);
        ContenderContext context = new ContenderContext(cluster.bootstrapServers(), input, output,
                prefix + "-" + name, scenario.partitions(), scenario.concurrency(), scenario.maxInFlight(),
                new DogToCat(scenario.handlerDelay()));
        return new ContenderRun(contender, context, scenario.name(), records, kennel, timeout).run();
    }
}
