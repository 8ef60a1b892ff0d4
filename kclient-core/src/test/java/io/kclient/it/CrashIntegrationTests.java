package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.Delivery;
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
 * Exactly-once, a {@code read_committed} reader sees every cat once: no duplicates at all. The
 * same with a batch handler, which gets one partition's dogs per call.
 */
class CrashIntegrationTests {

    private static final int DOGS = 100_000;
    private static final int MAX_IN_FLIGHT = 200;
    private static final int KILLS = 3;

    @Test
    void sigkillThreeTimesLosesNothingAndDuplicatesStayWithinTheInFlightBound() throws Exception {
        int duplicates = crashThreeTimes("crash", Delivery.AT_LEAST_ONCE);
        assertThat(duplicates).as("duplicates within the in-flight bound").isLessThanOrEqualTo(KILLS * MAX_IN_FLIGHT);
    }

    @Test
    void exactlyOnceSigkillThreeTimesShowsEveryCatExactlyOnce() throws Exception {
        int duplicates = crashThreeTimes("crash-eo", Delivery.EXACTLY_ONCE);
        assertThat(duplicates).as("cats a read_committed reader sees twice").isZero();
    }

    @Test
    void aBatchHandlerKilledThreeTimesLosesNothingAndDuplicatesStayWithinTheInFlightBound() throws Exception {
        int duplicates = crashThreeTimes("crash-batch", Delivery.AT_LEAST_ONCE, true);
        assertThat(duplicates).as("duplicates within the in-flight bound").isLessThanOrEqualTo(KILLS * MAX_IN_FLIGHT);
    }

    @Test
    void anExactlyOnceBatchHandlerKilledThreeTimesShowsEveryCatExactlyOnce() throws Exception {
        int duplicates = crashThreeTimes("crash-batch-eo", Delivery.EXACTLY_ONCE, true);
        assertThat(duplicates).as("cats a read_committed reader sees twice").isZero();
    }

    private static int crashThreeTimes(String prefix, Delivery delivery) throws Exception {
        return crashThreeTimes(prefix, delivery, false);
    }

    /** Streams the dogs through an app killed {@link #KILLS} times; asserts every dog has its cat; returns the duplicates. */
    private static int crashThreeTimes(String prefix, Delivery delivery, boolean batch) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build();
                TopicProbe probe = startAndFill(kafka, prefix)) {
            Random random = new Random();
            for (int kill = 0; kill < KILLS; kill++) {
                Path log = Files.createTempFile("crash-test-app", ".log");
                long written = probe.committedEnd(prefix + ".cats");
                Process app = launch(kafka, log, prefix, delivery, batch);
                awaitAssignment(log);
                awaitProgress(probe, prefix + ".cats", written);
                Thread.sleep(random.nextInt(1500)); // somewhere mid-stream
                app.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            Process app = launch(kafka, Files.createTempFile("crash-test-app", ".log"), prefix, delivery, batch);
            probe.awaitDistinctIds(prefix + ".cats", DOGS, Duration.ofMinutes(4));
            app.destroy(); // SIGTERM: a graceful stop
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<ConsumerRecord<byte[], byte[]>> cats = probe.readAll(prefix + ".cats");

            Set<String> ids = new HashSet<>();
            cats.forEach(cat -> ids.add(TopicProbe.id(cat)));
            int duplicates = cats.size() - ids.size();
            System.out.printf("crash test %s%s: %d dogs, %d cats, %d duplicates after %d kills (bound %d)%n",
                    delivery, batch ? " batch" : "", DOGS, cats.size(), duplicates, KILLS, KILLS * MAX_IN_FLIGHT);
            assertThat(ids).as("every dog has its cat").hasSize(DOGS);
            return duplicates;
        }
    }

    private static TopicProbe startAndFill(EmbeddedKafka kafka, String prefix) {
        kafka.start();
        kafka.createTopics(6, (short) 1, prefix + ".dogs", prefix + ".cats", prefix + ".dogs.DLT");
        TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
        for (int i = 0; i < DOGS; i++) {
            probe.sendAsync(prefix + ".dogs", "k" + (i % 500), "{\"id\":\"" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }
        probe.flush();
        return probe;
    }

    private static Process launch(EmbeddedKafka kafka, Path log, String prefix, Delivery delivery, boolean batch) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestApp.class.getName(), kafka.bootstrapServers(), prefix, Integer.toString(MAX_IN_FLIGHT), delivery.name(),
                batch ? "batch" : "one")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Kill only an instance that has committed output of its own, so that the kill lands mid-stream. */
    private static void awaitProgress(TopicProbe probe, String topic, long before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (probe.committedEnd(topic) <= before) {
            assertThat(System.nanoTime()).as("the app committed output within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
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
