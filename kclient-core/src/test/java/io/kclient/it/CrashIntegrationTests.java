package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.Delivery;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
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
 * Dogs through an application in its own JVM that is killed with SIGKILL three times, each time a
 * random number of cats after it started producing, and started again each time: every dog still
 * gets its cat, and the duplicates stay within what the engine promises (see
 * {@link #DUPLICATE_BOUND}). Exactly-once, a {@code read_committed} reader sees every cat once:
 * no duplicates at all. The application keeps its {@code group.instance.id} across restarts
 * (static membership), so a new instance takes the killed one's partitions at once instead of
 * waiting out its session.
 */
class CrashIntegrationTests {

    private static final int DOGS = 20_000;
    private static final int MAX_IN_FLIGHT = 200;
    private static final int KILLS = 3;
    /** A kill comes after between 1 and this many cats (offsets, with transaction markers) of the instance: mid-stream. */
    private static final int KILL_WITHIN = 2_000;
    /**
     * What a kill may leave to be handled twice, from what the engine promises. A record is in
     * flight from its poll until a commit covering it is acknowledged, and never more than
     * {@code max-in-flight} are; commits go every poll loop, and name the records done above
     * their offset at least once a second, which the next instance skips. So a kill leaves at
     * most the records then in flight to be handled again: {@code max-in-flight} per kill.
     */
    private static final int DUPLICATE_BOUND = KILLS * MAX_IN_FLIGHT;

    @Test
    void sigkillThreeTimesLosesNothingAndDuplicatesStayWithinTheInFlightBound() throws Exception {
        int duplicates = crashThreeTimes("crash", Delivery.AT_LEAST_ONCE);
        assertThat(duplicates).as("duplicates within the in-flight bound").isLessThanOrEqualTo(DUPLICATE_BOUND);
    }

    @Test
    void exactlyOnceSigkillThreeTimesShowsEveryCatExactlyOnce() throws Exception {
        int duplicates = crashThreeTimes("crash-eo", Delivery.EXACTLY_ONCE);
        assertThat(duplicates).as("cats a read_committed reader sees twice").isZero();
    }

    /** Streams the dogs through an app killed {@link #KILLS} times; asserts every dog has its cat; returns the duplicates. */
    private static int crashThreeTimes(String prefix, Delivery delivery) throws Exception {
        try (TopicProbe probe = startAndFill(prefix)) {
            Random random = new Random();
            for (int kill = 0; kill < KILLS; kill++) {
                Path log = Files.createTempFile("crash-test-app", ".log");
                long written = probe.committedEnd(prefix + ".cats");
                Process app = launch(log, prefix, delivery);
                awaitAssignment(log);
                // mid-stream: once this instance has produced some cats of its own
                probe.awaitCommittedEndPast(prefix + ".cats", written + random.nextInt(KILL_WITHIN), Duration.ofSeconds(60));
                app.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(probe.readAll(prefix + ".cats").stream().map(TopicProbe::id).distinct())
                    .as("the kills came mid-stream: dogs were left for the last run").hasSizeLessThan(DOGS);
            Process app = launch(Files.createTempFile("crash-test-app", ".log"), prefix, delivery);
            List<ConsumerRecord<byte[], byte[]>> cats = probe.awaitDistinctIds(prefix + ".cats", DOGS, Duration.ofMinutes(4));
            app.destroy(); // SIGTERM: a graceful stop
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Set<String> ids = new HashSet<>();
            cats.forEach(cat -> ids.add(TopicProbe.id(cat)));
            int duplicates = cats.size() - ids.size();
            System.out.printf("crash test %s: %d dogs, %d cats, %d duplicates after %d kills (bound %d)%n",
                    delivery, DOGS, cats.size(), duplicates, KILLS, DUPLICATE_BOUND);
            assertThat(ids).as("every dog has its cat").hasSize(DOGS);
            return duplicates;
        }
    }

    private static TopicProbe startAndFill(String prefix) {
        SharedKafka.createTopics(6, (short) 1, prefix + ".dogs", prefix + ".cats", prefix + ".dogs.DLT");
        TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
        for (int i = 0; i < DOGS; i++) {
            probe.sendAsync(prefix + ".dogs", "k" + (i % 500), "{\"id\":\"" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }
        probe.flush();
        return probe;
    }

    private static Process launch(Path log, String prefix, Delivery delivery) throws Exception {
        return TestApps.launch(CrashTestApp.class, log, SharedKafka.bootstrapServers(), prefix, Integer.toString(MAX_IN_FLIGHT),
                delivery.name());
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
