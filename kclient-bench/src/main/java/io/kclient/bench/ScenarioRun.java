package io.kclient.bench;

import io.kclient.bench.contender.Contender;
import io.kclient.bench.contender.ContenderContext;
import io.kclient.bench.contender.Contenders;
import io.kclient.bench.kafka.Cluster;
import io.kclient.bench.kafka.Preloader;
import io.kclient.bench.measure.ContenderRun;
import io.kclient.bench.measure.RunResult;
import io.kclient.bench.model.DogToCat;
import io.kclient.bench.model.Kennel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One scenario: preload its input once, then run each contender on it in turn, each with its own
 * consumer group and output topic, and delete the scenario's topics at the end.
 */
final class ScenarioRun {

    private final Cluster cluster;
    private final Scenario scenario;
    private final String runId;
    private final Duration timeout;

    ScenarioRun(Cluster cluster, Scenario scenario, String runId, Duration timeout) {
        this.cluster = cluster;
        this.scenario = scenario;
        this.runId = runId;
        this.timeout = timeout != null ? timeout : scenario.timeout();
    }

    List<RunResult> run() throws InterruptedException {
        String prefix = "bench-" + runId + "-" + scenario.name();
        String input = prefix + "-dogs";
        List<String> topics = new ArrayList<>(List.of(input, input + ".DLT"));
        Kennel kennel = new Kennel(scenario.keys());
        // the dead-letter topic too, so no KClient run pays for creating it
        cluster.createTopics(scenario.partitions(), input, input + ".DLT");
        long loadStart = System.nanoTime();
        new Preloader(cluster.bootstrapServers()).preload(input, scenario.records(), kennel);
        Benchmark.say(String.format(Locale.ROOT, "%s: preloaded %,d dogs over %,d keys into %d partition(s) in %.1f s",
                scenario.name(), scenario.records(), scenario.keys(), scenario.partitions(), (System.nanoTime() - loadStart) / 1e9));
        List<RunResult> results = new ArrayList<>();
        try {
            for (String name : scenario.contenders()) {
                String output = prefix + "-cats-" + name;
                topics.add(output);
                cluster.createTopics(scenario.partitions(), output);
                Contender contender = Contenders.create(name);
                ContenderContext context = new ContenderContext(cluster.bootstrapServers(), input, output,
                        prefix + "-" + name, scenario.partitions(), scenario.concurrency(), scenario.maxInFlight(),
                        new DogToCat(scenario.handlerDelay()));
                Benchmark.say(scenario.name() + ": running " + name + " ...");
                RunResult result = new ContenderRun(contender, context, scenario.name(), scenario.records(), kennel, timeout).run();
                Benchmark.say(result.verified()
                        ? String.format(Locale.ROOT, "%s: %s %,.0f messages/s (%.1f s)", scenario.name(), name, result.rate(), result.seconds())
                        : scenario.name() + ": " + name + " FAILED: " + result.problem());
                results.add(result);
            }
        } finally {
            cluster.deleteTopics(topics);
        }
        return results;
    }
}
