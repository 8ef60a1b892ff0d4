package io.kclient.bench.rpc;

import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.bench.Scenario;
import io.kclient.bench.kafka.Cluster;
import io.kclient.bench.measure.RoundTrips;
import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import io.kclient.bench.model.DogToCat;
import io.kclient.config.SystemPropertyPlaceholders;
import io.kclient.rpc.RpcClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Times round trips one after the other: a call is sent only when the previous reply came, so
 * each measures the latency of one request and its reply through the broker, with the engine's
 * default settings on both sides. The first calls warm up the JIT and the connections, unmeasured.
 */
public final class RoundTripRun {

    private static final int WARM_UP_CALLS = 500;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Cluster cluster;
    private final Scenario scenario;
    private final String runId;

    public RoundTripRun(Cluster cluster, Scenario scenario, String runId) {
        this.cluster = cluster;
        this.scenario = scenario;
        this.runId = runId;
    }

    public RoundTrips run() {
        String prefix = "bench-" + runId + "-" + scenario.name();
        String requests = prefix + "-dogs";
        String replies = prefix + "-replies";
        cluster.createTopics(scenario.partitions(), requests, requests + ".DLT", replies);
        Map<String, String> properties = Map.of("bench.input", requests, "bench.group", prefix);
        KClient.Builder builder = KClient.builder()
                .bootstrapServers(cluster.bootstrapServers())
                .placeholders(new SystemPropertyPlaceholders(properties::get))
                .topics(new TopicSettings(true, scenario.partitions(), (short) -1))
                .handlers(new ReplyingDogHandler(new DogToCat(scenario.handlerDelay())));
        try (KClient kclient = builder.build(); RpcClient rpc = builder.rpcClient().replyTopic(replies).build()) {
            kclient.start();
            rpc.start();
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                call(rpc, requests, i);
            }
            long[] nanos = new long[Math.toIntExact(scenario.records())];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                call(rpc, requests, WARM_UP_CALLS + i);
                nanos[i] = System.nanoTime() - start;
            }
            return new RoundTrips(scenario.name(), nanos);
        } finally {
            cluster.deleteTopics(List.of(requests, requests + ".DLT", replies));
        }
    }

    private static void call(RpcClient rpc, String topic, long id) {
        Cat cat = rpc.call(topic, Long.toString(id), new Dog(id, "Rex", 3, 0), Cat.class, CALL_TIMEOUT);
        if (cat.id() != id) {
            throw new IllegalStateException("call " + id + " was answered with cat " + cat.id());
        }
    }
}
