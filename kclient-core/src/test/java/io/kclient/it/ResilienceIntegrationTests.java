package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.Ordering;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.embedded.EmbeddedKafka;
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
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
            kafka.start();
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
                    KClient first = start(kafka, 1)) {
                send(probe, 0, 1500);
                awaitCats(probe, 300);
                try (KClient second = start(kafka, 1)) { // same handler id, same group: partitions are shared
                    send(probe, 1500, 3000);
                    assertEveryDogHasItsCatInKeyOrder(probe, 3000);
                }
            }
        }
    }

    @Test
    void aBrokerRestartMidStreamLosesNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
            kafka.start();
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
                    KClient app = start(kafka, 1)) {
                send(probe, 0, 1000);
                awaitCats(probe, 200);
                kafka.stopNode(0);
                Thread.sleep(2000); // the app sees the broker gone: fetches, sends and commits fail meanwhile
                kafka.startNode(0);
                send(probe, 1000, 2000);
                assertEveryDogHasItsCatInKeyOrder(probe, 2000);
            }
        }
    }

    @Test
    void losingOneBrokerOfThreeLosesNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().nodes(3).brokerProperty("min.insync.replicas", "2").build()) {
            kafka.start();
            try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
                    KClient app = start(kafka, 3)) {
                send(probe, 0, 1000);
                awaitCats(probe, 200);
                kafka.stopNode(1);
                send(probe, 1000, 2000);
                assertEveryDogHasItsCatInKeyOrder(probe, 2000);
            }
        }
    }

    private KClient start(EmbeddedKafka kafka, int replication) {
        KClient kclient = KClient.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(HandlerSettings.NONE.with(HandlerSettings.CONCURRENCY, 4).with(HandlerSettings.ORDERING, Ordering.KEY)
                        .with(HandlerSettings.MAX_IN_FLIGHT, 500)
                        .with(HandlerSettings.RETRY_MAX_ATTEMPTS, 3).with(HandlerSettings.RETRY_INITIAL_BACKOFF, Duration.ofMillis(50))
                        .with(HandlerSettings.RETRY_MULTIPLIER, 2.0).with(HandlerSettings.RETRY_MAX_BACKOFF, Duration.ofSeconds(1))
                        .with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10)))
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
