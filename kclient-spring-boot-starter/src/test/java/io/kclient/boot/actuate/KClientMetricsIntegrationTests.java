package io.kclient.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.annotation.InputConsumer;
import io.kclient.boot.autoconfigure.Animals;
import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The meters of a Boot application's handlers on the test JVM's shared in-process broker. */
class KClientMetricsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KClientAutoConfiguration.class,
                    KClientMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("kclient.bootstrap-servers=" + SharedKafka.bootstrapServers());

    @Test
    void aHandledRecordMovesTheMetrics() {
        runner.withBean("animals", Animals.class).run(context -> {
            try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
                probe.send("dogs", "1", "{\"id\":\"1\",\"dogName\":\"Rex\"}");
            }
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                assertThat(meters.get(MicrometerHandlerObserver.HANDLED).tags("handler", "dogs").counter().count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.PUBLISHED).tags("topic", "cats").counter().count()).isEqualTo(1);
                assertThat(meters.get(MicrometerHandlerObserver.HANDLED).tags("handler", "cats").counter().count())
                        .as("the cat went through the second handler").isEqualTo(1);
            });
        });
    }

    /**
     * Five records wait on a partition whose handler is busy with the first and may take no other
     * ({@code max-in-flight} 1): the lag gauge counts the four behind it, then falls to 0 once
     * the handler is let go.
     */
    @Test
    void theLagGaugeCountsTheRecordsWaitingBehindABusyHandler() {
        SharedKafka.createTopics(1, (short) 1, "waiting");
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            for (int i = 0; i < 5; i++) {
                probe.send("waiting", "k" + i, "\"job " + i + "\"");
            }
        }
        runner.withBean("busy", Busy.class).withPropertyValues("kclient.handlers.waiting.max-in-flight=1").run(context -> {
            Busy busy = context.getBean(Busy.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(meters.get(MicrometerHandlerObserver.LAG)
                    .tags("handler", "waiting", "topic", "waiting", "partition", "0").gauge().value()).isEqualTo(4));
            assertThat(busy.started).as("the handler holds the first record only").hasValue(1);

            busy.release.countDown();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(busy.started).hasValue(5);
                assertThat(meters.get(MicrometerHandlerObserver.LAG).tags("handler", "waiting", "partition", "0").gauge().value())
                        .isZero();
            });
        });
    }

    /** Holds each record until {@link #release}. */
    public static class Busy {

        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger started = new AtomicInteger();

        @InputConsumer(id = "waiting", topics = "waiting")
        public void onJob(String job) throws InterruptedException {
            started.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
        }
    }
}
