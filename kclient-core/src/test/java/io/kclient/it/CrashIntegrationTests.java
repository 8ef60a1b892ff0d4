package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * 100,000 dogs through an application in its own JVM that is killed with SIGKILL three times at
 * random moments and started again each time: every dog still gets its cat, and the duplicates
 * stay within what the in-flight bound allows (records between poll and commit at each kill).
 */
class CrashIntegrationTests {

    private static final int DOGS = 100_000;
    private static final int MAX_IN_FLIGHT = 200;
    private static final int KILLS = 3;
    private static final String PREFIX = "crash";

    @Test
    void sigkillThreeTimesLosesNothingAndDuplicatesStayWithinTheInFlightBound() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build();
                TopicProbe probe = startAndFill(kafka)) {
            Random random = new Random();
            for (int kill = 0; kill < KILLS; kill++) {
                Path log = Files.createTempFile("crash-test-app", ".log");
                Process app = launch(kafka, log);
                awaitAssignment(log);
                Thread.sleep(200 + random.nextInt(1500)); // somewhere mid-stream
                app.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            Process app = launch(kafka, Files.createTempFile("crash-test-app", ".log"));
            probe.awaitDistinctIds(PREFIX + ".cats", DOGS, Duration.ofMinutes(4));
            app.destroy(); // SIGTERM: a graceful stop
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<ConsumerRecord<byte[], byte[]>> cats = probe.readAll(PREFIX + ".cats");

            Set<String> ids = new HashSet<>();
            cats.forEach(cat -> ids.add(TopicProbe.id(cat)));
            int duplicates = cats.size() - ids.size();
            System.out.printf("crash test: %d dogs, %d cats, %d duplicates after %d kills (bound %d)%n",
                    DOGS, cats.size(), duplicates, KILLS, KILLS * MAX_IN_FLIGHT);
            assertThat(ids).as("every dog has its cat").hasSize(DOGS);
            assertThat(duplicates).as("duplicates within the in-flight bound").isLessThanOrEqualTo(KILLS * MAX_IN_FLIGHT);
        }
    }

    private static TopicProbe startAndFill(EmbeddedKafka kafka) {
        kafka.start();
        kafka.createTopics(6, (short) 1, PREFIX + ".dogs", PREFIX + ".cats", PREFIX + ".dogs.DLT");
        TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
        for (int i = 0; i < DOGS; i++) {
            probe.sendAsync(PREFIX + ".dogs", "k" + (i % 500), "{\"id\":\"" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }
        probe.flush();
        return probe;
    }

    private static Process launch(EmbeddedKafka kafka, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestApp.class.getName(), kafka.bootstrapServers(), PREFIX, Integer.toString(MAX_IN_FLIGHT))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Kill only an instance that got its partitions, or the kill tests nothing. */
    private static void awaitAssignment(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("assigned partitions")) {
            assertThat(System.nanoTime()).as("the app got partitions within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
