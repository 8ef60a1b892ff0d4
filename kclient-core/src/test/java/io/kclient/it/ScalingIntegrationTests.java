package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.it.Animals.Dog;
import io.kclient.scaling.ScalingSettings;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaling signal on a real broker: a handler of about 80 records a second (2 workers, 20 ms
 * a record, 0.8 target utilization) through a backlog, a steady trickle and idleness.
 */
class ScalingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ID = "scaled";

    private final String prefix = "scaling-" + System.nanoTime();
    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private KClient kclient;

    @AfterEach
    void tearDown() {
        trickle.shutdownNow();
        if (kclient != null) {
            kclient.close();
        }
        probe.close();
    }

    @Test
    void asksForMoreInstancesThroughABacklogFewerInASteadyStateAndNoneWhenIdle() throws InterruptedException {
        kclient = KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(TestSettings.defaults().with(HandlerSettings.GROUP_ID, prefix).with(HandlerSettings.CONCURRENCY, 2)
                        .with(HandlerSettings.MAX_IN_FLIGHT, 1000).withRetry(RetrySettings.NONE))
                .topics(new TopicSettings(true, 4, (short) 1))
                .scaling(new ScalingSettings(0.8, Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .handlers(new TwentyMillisADog())
                .build();
        kclient.start();
        kclient.pause(ID);
        for (int i = 0; i < 2_000; i++) {
            probe.sendAsync(prefix + ".dogs", "k" + i, "{\"id\":\"d" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }
        probe.flush();
        kclient.resume(ID);

        // 2,000 behind, to drain within 10 s at ~100 a second: far more than one instance, but no more than 4 partitions
        await().atMost(WAIT).until(() -> need() > 2);
        assertThat(need()).isLessThanOrEqualTo(4);
        await().atMost(WAIT).until(() -> kclient.handler(ID).totalLag() == 0 && kclient.handler(ID).inFlight() == 0);

        // 20 dogs a second: about a quarter of the workers' time, a fraction of one instance
        AtomicInteger sent = new AtomicInteger();
        trickle.scheduleAtFixedRate(() -> {
            int i = sent.incrementAndGet();
            probe.sendAsync(prefix + ".dogs", "s" + i, "{\"id\":\"s" + i + "\",\"name\":\"Rex\",\"age\":1}");
            probe.flush();
        }, 0, 50, TimeUnit.MILLISECONDS);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> need() > 0.05 && need() < 0.9);
        trickle.shutdownNow();
        trickle.awaitTermination(5, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> need() == 0);
    }

    private double need() {
        return kclient.handler(ID).instancesNeeded();
    }

    @KafkaHandlers
    public static class TwentyMillisADog {

        @InputConsumer(id = ID, topic = "${prefix}.dogs")
        public void onDog(Dog dog) throws InterruptedException {
            Thread.sleep(20);
        }
    }
}
