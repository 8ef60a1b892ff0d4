package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.EmbeddedKafka;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost while the ground moves: a second instance joining mid-stream, the broker
 * restarting, a broker of three dying. Each test streams dogs while it happens and then checks
 * that every dog has its cat and that each key's cats came out in order.
 */
class ResilienceIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final int KEYS = 20;

    private final String prefix = "resilience-" + run.incrementAndGet();

    @Test
    void aSecondInstanceJoiningMidStreamLosesNothing() throws Exception {
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
                KClient first = start(SharedKafka.bootstrapServers(), 1)) {
            send(probe, 0, 1500);
            awaitCats(probe, 300);
            try (KClient second = start(SharedKafka.bootstrapServers(), 1)) { // same handler id, same group: partitions are shared
                send(probe, 1500, 3000);
                assertEveryDogHasItsCatInKeyOrder(probe, 3000);
            }
        }
    }

    @Test
    void aBrokerRestartMidStreamLosesNothing() throws Exception {
        // a broker of its own: this test stops it
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
            kafka.start();
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
                    KClient app = start(kafka.bootstrapServers(), 1)) {
                send(probe, 0, 1000);
                awaitCats(probe, 200);
                kafka.stopNode(0);
                // the app sees the broker gone: fetches, sends and commits fail meanwhile
                await().atMost(Duration.ofSeconds(60)).until(() -> !app.handlers().get(0).connected());
                kafka.startNode(0);
                send(probe, 1000, 2000);
                assertEveryDogHasItsCatInKeyOrder(probe, 2000);
            }
        }
    }

    @Test
    void losingOneBrokerOfThreeLosesNothing() throws Exception {
        // a cluster of its own: three nodes, one of which this test stops
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().nodes(3).brokerProperty("min.insync.replicas", "2").build()) {
            kafka.start();
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
                    KClient app = start(kafka.bootstrapServers(), 3)) {
                send(probe, 0, 1000);
                awaitCats(probe, 200);
                kafka.stopNode(1);
                send(probe, 1000, 2000);
                assertEveryDogHasItsCatInKeyOrder(probe, 2000);
            }
        }
    }

    private KClient start(String bootstrapServers, int replication) {
        KClient kclient = KClient.builder()
                .bootstrapServers(bootstrapServers)
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(TestSettings.defaults().with(HandlerSettings.MAX_IN_FLIGHT, 500))
                .topics(new TopicSettings(true, 6, (short) replication))
                .handlers(new Animals.Failing())
                .build();
        kclient.start();
        return kclient;
    }

    /** Dogs {@code from} (inclusive) to {@code to} (exclusive), keys round robin, {@code seq} = number. */
    private void send(TopicProbe probe, int from, int to) {
        for (int i = from; i < to; i++) {
            probe.sendAsync(prefix + ".dogs", "k" + (i % KEYS), "{\"id\":\"" + i + "\",\"name\":\"k" + (i % KEYS) + "\",\"age\":" + i + "}");
        }
        probe.flush();
    }

    private void awaitCats(TopicProbe probe, int count) {
        assertThat(probe.readAtLeast(prefix + ".cats", count, Duration.ofSeconds(60)).size()).isGreaterThanOrEqualTo(count);
    }

    private void assertEveryDogHasItsCatInKeyOrder(TopicProbe probe, int dogs) {
        CatsInKeyOrder.assertComplete(probe, prefix + ".cats", dogs, Duration.ofSeconds(90));
    }
}
