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
import java.util.function.LongConsumer;

/**
 * Times round trips one after the other: a call is sent only when the previous reply came, so
 * each measures the latency of one request and its reply through the broker. First the floor, a
 * hand-written kafka-clients ping-pong, then KClient's RpcClient and a {@code @Replies} handler
 * with the engine's default settings. The first calls of each warm up the JIT and the
 * connections, unmeasured.
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

    /** The hand-written floor, then KClient. */
    public List<RoundTrips> run() throws InterruptedException {
        String prefix = "bench-" + runId + "-" + scenario.name();
        return List.of(handWritten(prefix + "-hand-written"), kclient(prefix + "-kclient"));
    }

    private RoundTrips handWritten(String prefix) throws InterruptedException {
        String requests = prefix + "-dogs";
        String replies = prefix + "-replies";
        cluster.createTopics(scenario.partitions(), requests, replies);
        try (HandWrittenPingPong pingPong = new HandWrittenPingPong(cluster.bootstrapServers(), requests, replies,
                new DogToCat(scenario.handlerDelay()))) {
            return time("hand-written", pingPong::call);
        } finally {
            cluster.deleteTopics(List.of(requests, replies));
        }
    }

    private RoundTrips kclient(String prefix) {
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
            return time("kclient-rpc", id -> call(rpc, requests, id));
        } finally {
            cluster.deleteTopics(List.of(requests, requests + ".DLT", replies));
        }
    }

    private RoundTrips time(String contender, LongConsumer call) {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            call.accept(i);
        }
        long[] nanos = new long[Math.toIntExact(scenario.records())];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            call.accept(WARM_UP_CALLS + i);
            nanos[i] = System.nanoTime() - start;
        }
        return new RoundTrips(contender, nanos);
    }

    private static void call(RpcClient rpc, String topic, long id) {
        Cat cat = rpc.call(topic, Long.toString(id), new Dog(id, "Rex", 3, 0), Cat.class, CALL_TIMEOUT);
        if (cat.id() != id) {
            throw new IllegalStateException("call " + id + " was answered with cat " + cat.id());
        }
    }
}
