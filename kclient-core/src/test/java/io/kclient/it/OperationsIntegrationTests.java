package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.ContainerState;
import io.kclient.HandlerStatus;
import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.EmbeddedKafka;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.observe.HandlerObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees and does on a real broker: the observer's events, the status view, pause, resume, restart. */
class OperationsIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "operations-" + run.incrementAndGet();
    private final CountingObserver observer = new CountingObserver();
    @AutoClose
    private TopicProbe probe;
    @AutoClose
    private KClient kclient;

    @BeforeEach
    void setUp() {
        probe = new TopicProbe(SharedKafka.bootstrapServers());
    }

    @Test
    void theObserverHearsEveryEventOfEveryRecord() {
        String id = start(SharedKafka.bootstrapServers());
        for (int i = 0; i < 3; i++) {
            probe.send(prefix + ".dogs", "k" + i, dog("d" + i, 1));
        }
        probe.send(prefix + ".dogs", "bad", dog("bad", -1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(observer.counts).containsAllEntriesOf(Map.of(
                "received " + prefix + ".dogs", 4,
                "handled " + prefix + ".dogs", 3,
                "published " + prefix + ".cats", 3,
                "retried " + prefix + ".dogs", 2,         // three attempts in all
                "failed " + prefix + ".dogs", 1,
                "deadLettered " + prefix + ".dogs", 1)));
        assertThat(observer.handlers).containsOnlyKeys(id);
    }

    @Test
    void theStatusShowsSettingsAssignmentLagAndCompletion() {
        String id = start(SharedKafka.bootstrapServers());
        probe.send(prefix + ".dogs", "k", dog("d1", 1));
        probe.readAtLeast(prefix + ".cats", 1, WAIT);

        await().atMost(WAIT).untilAsserted(() -> {
            HandlerStatus status = kclient.handler(id);
            assertThat(status.state()).isEqualTo(ContainerState.RUNNING);
            assertThat(status.topics()).isEqualTo(prefix + ".dogs");
            assertThat(status.output()).isEqualTo(prefix + ".cats");
            assertThat(status.concurrency()).isEqualTo(2);
            assertThat(status.assignment()).containsExactly(new TopicPartition(prefix + ".dogs", 0),
                    new TopicPartition(prefix + ".dogs", 1));
            assertThat(status.lag()).containsOnlyKeys(status.assignment()).containsValues(0L);
            assertThat(status.lastCompletion()).isNotNull();
            assertThat(status.noProgressSince()).isNull();
            assertThat(status.connected()).isTrue();
            assertThat(status.failure()).isNull();
        });
        assertThat(kclient.handlers()).extracting(HandlerStatus::id).containsExactly(id);
    }

    /**
     * The poll loop is the clock: two of its samples (a second apart) after the pause, it has
     * paused its partitions; two more after the dog was written, a consumer still fetching would
     * have received it.
     */
    @Test
    void pauseStopsConsumptionAndResumeStartsItAgain() {
        String id = start(SharedKafka.bootstrapServers());
        probe.send(prefix + ".dogs", "k", dog("before", 1));
        probe.readAtLeast(prefix + ".cats", 1, WAIT);

        kclient.pause(id);
        assertThat(kclient.handler(id).state()).isEqualTo(ContainerState.PAUSED);
        observer.awaitSamples(2);
        probe.send(prefix + ".dogs", "k", dog("while-paused", 1));
        observer.awaitSamples(2);
        assertThat(observer.counts).as("only the dog before the pause").containsEntry("received " + prefix + ".dogs", 1);
        assertThat(probe.readAll(prefix + ".cats")).hasSize(1);
        assertThat(kclient.handler(id).assignment()).as("paused, it keeps its partitions").hasSize(2);

        kclient.resume(id);
        assertThat(ids(probe.readAtLeast(prefix + ".cats", 2, WAIT))).containsExactly("before", "while-paused");
    }

    @Test
    void restartStartsTheHandlerAgainFromItsCommittedOffsets() {
        String id = start(SharedKafka.bootstrapServers());
        probe.send(prefix + ".dogs", "k", dog("before", 1));
        probe.readAtLeast(prefix + ".cats", 1, WAIT);

        kclient.restart(id);
        assertThat(kclient.handler(id).state()).isEqualTo(ContainerState.RUNNING);
        probe.send(prefix + ".dogs", "k", dog("after", 1));

        assertThat(ids(probe.readAtLeast(prefix + ".cats", 2, WAIT))).containsExactly("before", "after");
    }

    @Test
    void aStoppedBrokerShowsAsDisconnectedUntilItIsBack() {
        // a broker of its own: this test stops it
        try (EmbeddedKafka own = EmbeddedKafka.builder().build()) {
            own.start();
            String id = start(own.bootstrapServers());
            await().atMost(WAIT).until(() -> kclient.handler(id).assignment().size() == 2);
            assertThat(kclient.handler(id).connected()).isTrue();

            own.stopNode(0);
            await().atMost(WAIT).until(() -> !kclient.handler(id).connected());
            assertThat(kclient.handler(id).state()).as("the consumer waits for the broker; it did not fail")
                    .isEqualTo(ContainerState.RUNNING);

            own.startNode(0);
            await().atMost(WAIT).until(() -> kclient.handler(id).connected());
            kclient.close();
            kclient = null;
        }
    }

    @Test
    void logsOneLinePerHandlerAtStartNothingPerRecordAtInfoAndEachFailureOnceWithItsCoordinates() {
        try (LogCapture logs = new LogCapture()) {
            String id = start(SharedKafka.bootstrapServers());
            for (int i = 0; i < 20; i++) {
                probe.send(prefix + ".dogs", "k" + i, dog("d" + i, 1));
            }
            probe.send(prefix + ".dogs", "bad", dog("bad", -1));
            probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT);
            probe.readAtLeast(prefix + ".cats", 20, WAIT);

            List<String> kclientLines = logs.events().stream().filter(line -> line.contains(" io.kclient.")).toList();
            assertThat(kclientLines).filteredOn(line -> line.contains("Started handler")).singleElement().satisfies(line ->
                    assertThat(line).startsWith("INFO").contains("'" + id + "'").contains("topics " + prefix + ".dogs")
                            .contains("group " + id).contains("ordering KEY").contains("concurrency 2")
                            .contains("output " + prefix + ".cats"));
            assertThat(kclientLines).filteredOn(line -> line.startsWith("ERROR") || line.startsWith("WARN")).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("ERROR")
                            .containsPattern("gave up on record " + prefix + "\\.dogs-\\d@\\d+").contains(prefix + ".dogs.DLT")
                            .contains("negative age: -1"));
            assertThat(kclientLines).as("nothing per record at INFO").filteredOn(line -> line.startsWith("INFO"))
                    .noneMatch(line -> line.contains("d7") || line.contains("@"));
        }
    }

    private String start(String bootstrapServers) {
        kclient = KClient.builder()
                .bootstrapServers(bootstrapServers)
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(TestSettings.defaults().with(HandlerSettings.CONCURRENCY, 2)
                        .withRetry(new RetrySettings(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(100))))
                .topics(new TopicSettings(true, 2, (short) 1))
                .observer(observer)
                .handlers(new Animals.Failing())
                .build();
        kclient.start();
        return kclient.handlers().get(0).id();
    }

    private static String dog(String id, int age) {
        return "{\"id\":\"" + id + "\",\"name\":\"Rex\",\"age\":" + age + "}";
    }

    private static List<String> ids(List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> cats) {
        return cats.stream().map(cat -> text(cat.value()).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).toList();
    }

    /** Counts each event by name and topic, each handler id it hears of, and the poll loop's samples. */
    static final class CountingObserver implements HandlerObserver {

        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final Map<String, Boolean> handlers = new ConcurrentHashMap<>();
        final AtomicInteger samples = new AtomicInteger();

        /** Waits for {@code more} samples of the poll loop, which samples at most once a second, each after a whole round. */
        void awaitSamples(int more) {
            int seen = samples.get();
            await().atMost(WAIT).until(() -> samples.get() >= seen + more);
        }

        @Override
        public void sampled(String handlerId, int inFlight, long inFlightBytes, Map<TopicPartition, Long> lag) {
            samples.incrementAndGet();
        }

        private void count(String event, String handlerId, String topic) {
            handlers.put(handlerId, true);
            counts.merge(event + " " + topic, 1, Integer::sum);
        }

        @Override
        public void received(String handlerId, String topic) {
            count("received", handlerId, topic);
        }

        @Override
        public void handled(String handlerId, String topic, Duration latency) {
            count("handled", handlerId, topic);
        }

        @Override
        public void retried(String handlerId, String topic) {
            count("retried", handlerId, topic);
        }

        @Override
        public void failed(String handlerId, String topic, Throwable failure) {
            count("failed", handlerId, topic);
        }

        @Override
        public void deadLettered(String handlerId, String topic) {
            count("deadLettered", handlerId, topic);
        }

        @Override
        public void published(String handlerId, String topic) {
            count("published", handlerId, topic);
        }
    }
}
