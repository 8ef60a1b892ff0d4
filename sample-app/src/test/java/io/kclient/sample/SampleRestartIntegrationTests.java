package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app stopped while dogs keep arriving, then started again: it resumes from the offset
 * it committed, so every dog gets its cat and none is handled twice. The broker lives outside the
 * app here, as a real cluster would.
 */
class SampleRestartIntegrationTests {

    private static final String PREFIX = "restart";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRestartedAppResumesFromTheCommittedOffsetWithoutLoss() {
        // the probe sends one request at a time: the app has only just created the dogs' topic, and
        // when a fresh partition refuses the first batch (leader not ready) but takes a later one,
        // the broker refuses the retried first batch for good (out of order sequence)
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            try (ConfigurableApplicationContext app = startApp()) {
                sendDogs(probe, "a", 200);
                assertThat(probe.awaitDistinctIds(PREFIX + ".cats", 200, WAIT)).hasSize(200);
            }
            sendDogs(probe, "b", 200); // while the app is down
            try (ConfigurableApplicationContext app = startApp()) {
                List<ConsumerRecord<byte[], byte[]>> cats = probe.awaitDistinctIds(PREFIX + ".cats", 400, WAIT);
                assertThat(cats.stream().map(TopicProbe::id).distinct()).as("every dog got its cat").hasSize(400);
                assertThat(cats).as("a graceful stop committed everything: no cat twice").hasSize(400);
            }
        }
    }

    private static ConfigurableApplicationContext startApp() {
        return new SpringApplicationBuilder(SampleApplication.class).run(OnSharedKafka.arguments(PREFIX, "--server.port=0"));
    }

    private static void sendDogs(TopicProbe probe, String batch, int count) {
        for (int i = 0; i < count; i++) {
            String id = batch + i;
            probe.sendAsync(PREFIX + ".dogs", "key" + (i % 17), "{\"id\":\"" + id + "\",\"name\":\"Rex\",\"age\":2}");
        }
        probe.flush();
    }
}
