package io.kclient.it;

import static io.kclient.it.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.ContainerState;
import io.kclient.HandlerStatus;
import io.kclient.KClient;
import io.kclient.Ordering;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.embedded.EmbeddedKafka;
import io.kclient.observe.HandlerObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an operator sees and does on a real broker: the observer's events, the status view, pause, resume, restart. */
class OperationsIntegrationTests {

    @RegisterExtension
    static final InProcessKafka kafka = new InProcessKafka();

    private static final AtomicInteger run = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "operations-" + run.incrementAndGet();
    private final CountingObserver observer = new CountingObserver();
    private TopicProbe probe;
    private KClient kclient;

    @BeforeEach
    void setUp() {
        probe = new TopicProbe(kafka.bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        if (kclient != null) {
            kclient.close();
        }
        probe.close();
    }

    @Test
    void theObserverHearsEveryEventOfEveryRecord() {
        String id = start(kafka.bootstrapServers());
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
        String id = start(kafka.bootstrapServers());
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

    @Test
    void pauseStopsConsumptionAndResumeStartsItAgain() throws InterruptedException {
        String id = start(kafka.bootstrapServers());
        probe.send(prefix + ".dogs", "k", dog("before", 1));
        probe.readAtLeast(prefix + ".cats", 1, WAIT);

        kclient.pause(id);
        assertThat(kclient.handler(id).state()).isEqualTo(ContainerState.PAUSED);
        Thread.sleep(500); // a poll or two: the consumer's partitions are paused now
        probe.send(prefix + ".dogs", "k", dog("while-paused", 1));
        Thread.sleep(2000);
        assertThat(probe.readAll(prefix + ".cats")).hasSize(1);
        assertThat(kclient.handler(id).assignment()).as("paused, it keeps its partitions").hasSize(2);

        kclient.resume(id);
        assertThat(ids(probe.readAtLeast(prefix + ".cats", 2, WAIT))).containsExactly("before", "while-paused");
    }

    @Test
    void restartStartsTheHandlerAgainFromItsCommittedOffsets() {
        String id = start(kafka.bootstrapServers());
        probe.send(prefix + ".dogs", "k", dog("before", 1));
        probe.readAtLeast(prefix + ".cats", 1, WAIT);

        kclient.restart(id);
        assertThat(kclient.handler(id).state()).isEqualTo(ContainerState.RUNNING);
        probe.send(prefix + ".dogs", "k", dog("after", 1));

        assertThat(ids(probe.readAtLeast(prefix + ".cats", 2, WAIT))).containsExactly("before", "after");
    }

    @Test
    void aStoppedBrokerShowsAsDisconnectedUntilItIsBack() {
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
            String id = start(kafka.bootstrapServers());
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
                .defaults(HandlerSettings.NONE.with(HandlerSettings.CONCURRENCY, 2).with(HandlerSettings.ORDERING, Ordering.KEY)
                        .with(HandlerSettings.MAX_IN_FLIGHT, 1000)
                        .with(HandlerSettings.RETRY_MAX_ATTEMPTS, 3).with(HandlerSettings.RETRY_INITIAL_BACKOFF, Duration.ofMillis(20))
                        .with(HandlerSettings.RETRY_MULTIPLIER, 2.0).with(HandlerSettings.RETRY_MAX_BACKOFF, Duration.ofMillis(100))
                        .with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10)))
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

    /** Counts each event by name and topic, and each handler id it hears of. */
    static final class CountingObserver implements HandlerObserver {

        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final Map<String, Boolean> handlers = new ConcurrentHashMap<>();

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
