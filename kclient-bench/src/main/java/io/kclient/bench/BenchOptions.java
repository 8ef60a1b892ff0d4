package io.kclient.bench;

import io.kclient.bench.measure.FixedHeap;
import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line. Options apply to every chosen scenario unless prefixed by the scenario's name
 * ({@code --fast-records}, {@code --slow-records}).
 */
record BenchOptions(List<Scenario> scenarios, String bootstrapServers, Duration timeout, String resultsFile,
        String contenderJvmOptions) {

    static final String COMMAND = "mvn -q -B -pl kclient-bench -am package -DskipTests"
            + " && java " + FixedHeap.JVM_OPTIONS + " -jar kclient-bench/target/kclient-bench.jar --scenario all";

    static final String USAGE = """
            KClient benchmark (issue 3): each contender consumes the same N JSON dogs and publishes N cats.

            Build and run from the repository root:
              %s

            Options:
              --scenario fast|batch|slow|backlog|rpc|all   which workload (default all = fast, batch and slow)
                  fast: handler only converts, 6 partitions, 10,000 keys, concurrency 6, N = 1,000,000,
                        3 timed rounds
                  batch: as fast, with a batch handler (kclient-batch: a list of one partition's dogs
                         per call) against the hand-written loop and kclient-key
                  slow: handler sleeps 5 ms, 1 partition, 1,000 keys, concurrency 64, N = 50,000
                  backlog: KClient alone through N = 2,000,000 as in fast; run it with
                           java -Xms256m -Xmx256m -XX:+AlwaysPreTouch to show the heap
                           stays bounded whatever the backlog
                  rpc: N = 2,000 sequential RpcClient calls to a replying handler after 500 warm-up
                       calls, and a hand-written kafka-clients ping-pong as the floor; prints
                       round-trip p50, p99, mean and max (not part of all)
              --records N                  N for every chosen scenario
              --fast-records N, --batch-records N, --slow-records N   N for one scenario
              --contenders a,b,...         instead of the scenario's own list; any of
                                           %s
              --concurrency C              workers for every contender (fast default 6, slow 64)
              --max-in-flight M            KClient's max-in-flight (default KClient's, %d)
              --warm-up-records W          records every contender handles, untimed, before the
                                           timed rounds (fast 1,000,000, slow 20,000; 0 for none)
              --rounds R                   timed rounds of every contender, taken in turn (fast 3,
                                           others 1); the table shows the median round and the range
              --bootstrap-servers h:p      use this cluster instead of an in-process EmbeddedKafka
              --timeout-seconds S          give up on a contender after S seconds (default from N)
              --contender-jvm own|shared   own (the default): each contender in a JVM of its own,
                                           kept through the warm-up and the rounds, so that no
                                           contender makes the JIT recompile another's code during
                                           its timed runs; shared: all in the broker's JVM
                                           (backlog always shares, to weigh the broker too)
              --contender-jvm-options "O"  the options of each contender's JVM (default "%s")
              --results FILE               Markdown table (default kclient-bench/target/results.md
                                           when run from the repository root, else target/results.md)
              --help
            """;

    static String usage() {
        return USAGE.formatted(COMMAND, String.join(", ", io.kclient.bench.contender.Contenders.NAMES),
                HandlerSettings.MAX_IN_FLIGHT.defaultValue(), FixedHeap.CONTENDER_JVM_OPTIONS);
    }

    /** Parses {@code args}; throws {@link IllegalArgumentException} with the reason on a mistake. */
    static BenchOptions parse(String[] args) {
        String scenario = "all";
        Long records = null;
        Long fastRecords = null;
        Long batchRecords = null;
        Long slowRecords = null;
        List<String> contenders = null;
        Integer concurrency = null;
        Integer maxInFlight = null;
        Long warmUpRecords = null;
        String bootstrap = null;
        Duration timeout = null;
        String results = null;
        Integer rounds = null;
        boolean ownJvms = true;
        String jvmOptions = FixedHeap.CONTENDER_JVM_OPTIONS;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--scenario" -> scenario = value;
                case "--records" -> records = positive(option, value);
                case "--fast-records" -> fastRecords = positive(option, value);
                case "--batch-records" -> batchRecords = positive(option, value);
                case "--slow-records" -> slowRecords = positive(option, value);
                case "--contenders" -> contenders = contenders(value);
                case "--concurrency" -> concurrency = Math.toIntExact(positive(option, value));
                case "--max-in-flight" -> maxInFlight = Math.toIntExact(positive(option, value));
                case "--warm-up-records" -> warmUpRecords = notNegative(option, value);
                case "--bootstrap-servers" -> bootstrap = value;
                case "--timeout-seconds" -> timeout = Duration.ofSeconds(positive(option, value));
                case "--results" -> results = value;
                case "--rounds" -> rounds = Math.toIntExact(positive(option, value));
                case "--contender-jvm" -> ownJvms = ownJvms(value);
                case "--contender-jvm-options" -> jvmOptions = value;
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        List<Scenario> chosen = new ArrayList<>();
        switch (scenario) {
            case "fast" -> chosen.add(Scenario.fast());
            case "batch" -> chosen.add(Scenario.batch());
            case "slow" -> chosen.add(Scenario.slow());
            case "backlog" -> chosen.add(Scenario.backlog());
            case "rpc" -> chosen.add(Scenario.rpc());
            case "all" -> chosen.addAll(List.of(Scenario.fast(), Scenario.batch(), Scenario.slow()));
            default -> throw new IllegalArgumentException("Unknown scenario '" + scenario + "': fast, batch, slow, backlog, rpc or all");
        }
        for (int i = 0; i < chosen.size(); i++) {
            Scenario s = chosen.get(i);
            Long own = switch (s.name()) {
                case "fast" -> fastRecords;
                case "batch" -> batchRecords;
                case "slow" -> slowRecords;
                default -> null;
            };
            if (own != null || records != null) {
                s = s.withRecords(own != null ? own : records);
            }
            if (contenders != null) {
                s = s.withContenders(contenders);
            }
            if (concurrency != null) {
                s = s.withConcurrency(concurrency);
            }
            if (maxInFlight != null) {
                s = s.withMaxInFlight(maxInFlight);
            }
            if (warmUpRecords != null) {
                s = s.withWarmUpRecords(warmUpRecords);
            }
            if (rounds != null) {
                s = s.withRounds(rounds);
            }
            chosen.set(i, s);
        }
        return new BenchOptions(List.copyOf(chosen), bootstrap, timeout, results, ownJvms ? jvmOptions : null);
    }

    /**
     * The options of {@code scenario}'s contender JVMs, or {@code null} when its contenders run in
     * the benchmark's JVM: as told, and always where the scenario weighs the broker's heap with theirs.
     */
    String contenderJvmOptions(Scenario scenario) {
        return scenario.measuresHeapWithBroker() ? null : contenderJvmOptions;
    }

    private static boolean ownJvms(String value) {
        return switch (value) {
            case "own" -> true;
            case "shared" -> false;
            default -> throw new IllegalArgumentException("Invalid value " + value + " for --contender-jvm: own or shared");
        };
    }

    private static long positive(String option, String value) {
        return atLeast(1, option, value, "a positive number");
    }

    private static long notNegative(String option, String value) {
        return atLeast(0, option, value, "0 or more");
    }

    private static long atLeast(long minimum, String option, String value, String expected) {
        try {
            long parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (parsed >= minimum) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid value " + value + " for " + option + ": " + expected);
    }

    private static List<String> contenders(String value) {
        List<String> names = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            if (!io.kclient.bench.contender.Contenders.NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown contender '" + name + "': one of "
                        + io.kclient.bench.contender.Contenders.NAMES);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--contenders needs at least one name");
        }
        return names;
    }
}
