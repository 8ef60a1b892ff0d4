package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kclient.KClient;
import io.kclient.KClientConfigurationException;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.listener.DeadLetterPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end on a real broker. Subclasses say which broker: the in-process one always,
 * a Testcontainers one where Docker runs. Each test has topics of its own.
 */
abstract class AbstractKClientIntegrationTests {

    private static final AtomicInteger testNumber = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private String prefix;
    @AutoClose
    private TopicProbe probe;
    @AutoClose
    private KClient kclient;

    /** Where the broker under test listens. */
    abstract String bootstrapServers();

    @BeforeEach
    void setUp() {
        prefix = getClass().getSimpleName() + "-" + testNumber.incrementAndGet();
        probe = new TopicProbe(bootstrapServers());
    }

    private KClient start(HandlerSettings defaults, Object... handlers) {
        kclient = KClient.builder()
                .bootstrapServers(bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(defaults)
                .topics(new TopicSettings(true, 2, (short) 1))
                .handlers(handlers)
                .build();
        kclient.start();
        return kclient;
    }

    private static HandlerSettings fastRetries() {
        return TestSettings.defaults();
    }

    @Test
    void dogInCatOutWithTheSameKey() {
        start(fastRetries(), new Animals.AllTypes());
        probe.send(prefix + ".pojo", "rex", "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");

        List<ConsumerRecord<byte[], byte[]>> cats = probe.readAtLeast(prefix + ".out", 1, WAIT);
        assertThat(cats).singleElement().satisfies(cat -> {
            assertThat(text(cat.key())).isEqualTo("rex");
            assertThat(text(cat.value())).isEqualTo("{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");
        });
    }

    @Test
    void everyParameterAndReturnType() {
        start(fastRetries(), new Animals.AllTypes());
        String dog = "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}";
        probe.send(prefix + ".text", "k", "not json at all");
        probe.send(prefix + ".bytes", "k", "12345");
        probe.send(prefix + ".tree", "k", dog);
        probe.send(prefix + ".list", "k", "[" + dog + ",{\"id\":\"d2\",\"name\":\"Fido\",\"age\":5}]");
        probe.send(prefix + ".xml", "k", "<kennel><dog/></kennel>");
        probe.send(prefix + ".record", "k", dog, "trace", "t-1");
        probe.send(prefix + ".async", "k", dog);
        probe.send(prefix + ".void", "k", dog);

        List<ConsumerRecord<byte[], byte[]>> out = probe.readAtLeast(prefix + ".out", 8, WAIT);
        Set<String> values = out.stream().map(r -> text(r.value())).collect(Collectors.toSet());
        assertThat(values).containsExactlyInAnyOrder(
                "text:not json at all",
                "bytes:5",
                "\"Rex\"",
                "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}",   // list: first element, and the record handler's cat
                "{\"id\":\"d2\",\"name\":\"Fido\",\"age\":5}",
                "xml:kennel",
                "{\"id\":\"k:d1\",\"name\":\"Rex\",\"age\":3}");
        assertThat(out).hasSize(8);
        ConsumerRecord<byte[], byte[]> fromMessage = out.stream().filter(r -> text(r.key()).equals("re-k")).findFirst().orElseThrow();
        assertThat(text(fromMessage.headers().lastHeader("trace").value())).isEqualTo("t-1");
        assertThat(text(fromMessage.headers().lastHeader("from").value())).isEqualTo(prefix + ".record@0");
    }

    @Test
    void poisonPillGoesStraightToTheDeadLetterTopicAndThePartitionKeepsFlowing() {
        Animals.Failing failing = new Animals.Failing();
        start(fastRetries(), failing);
        probe.send(prefix + ".dogs", "same-key", "{not json");
        probe.send(prefix + ".dogs", "same-key", "{\"id\":\"d2\",\"name\":\"Fido\",\"age\":5}");

        assertThat(probe.readAtLeast(prefix + ".cats", 1, WAIT)).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> dead = probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT);
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(text(letter.value())).isEqualTo("{not json");
            assertThat(text(letter.key())).isEqualTo("same-key");
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_CLASS).value()))
                    .isEqualTo("io.kclient.convert.PayloadConversionException");
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.ORIGINAL_TOPIC).value())).isEqualTo(prefix + ".dogs");
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.ORIGINAL_OFFSET).value())).isEqualTo("0");
        });
        assertThat(failing.errorHandlerSaw).as("a poison pill is not the handler's failure").isEmpty();
    }

    @Test
    void failingRecordIsRetriedThenErrorHandledThenDeadLettered() {
        Animals.Failing failing = new Animals.Failing();
        start(fastRetries(), failing);
        probe.send(prefix + ".dogs", "k", "{\"id\":\"bad\",\"name\":\"Rex\",\"age\":-1}");

        List<ConsumerRecord<byte[], byte[]>> dead = probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT);
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_CLASS).value()))
                    .isEqualTo(IllegalArgumentException.class.getName());
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE).value())).isEqualTo("negative age: -1");
        });
        assertThat(failing.errorHandlerSaw).containsExactly("bad:negative age: -1");
    }

    /**
     * The start returns once the topics it created take writes: a producer that takes no retry
     * writes to each of their partitions at once. A leader named but not yet serving refuses the
     * first batch, which KClient's idempotent output producer can answer with reordered batches.
     */
    @Test
    void theTopicsTheStartCreatedTakeWritesAtOnce() throws Exception {
        start(fastRetries(), new Animals.AllTypes());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers(), ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            Set<String> created = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(topic -> topic.startsWith(prefix + ".")).collect(Collectors.toSet());
            assertThat(created).contains(prefix + ".pojo", prefix + ".out", prefix + ".pojo.DLT");
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String topic : created) {
                for (int partition = 0; partition < 2; partition++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, partition, null, TopicProbe.bytes("x"))));
                }
            }
            for (Future<RecordMetadata> send : sent) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aMissingTopicFailsTheStartClearlyWhenCreationIsOff() {
        KClient strict = KClient.builder()
                .bootstrapServers(bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .topics(new TopicSettings(false, 1, (short) -1))
                .handlers(new Animals.Failing())
                .build();
        try {
            assertThatThrownBy(strict::start).isInstanceOf(KClientConfigurationException.class)
                    .hasMessageContaining(prefix + ".dogs").hasMessageContaining("do not exist")
                    .hasMessageContaining("kclient.topics.create-missing");
            assertThat(strict.isRunning()).isFalse();
        } finally {
            strict.close();
        }
    }

    @Test
    void anUnreachableBrokerFailsTheStartWithOneClearError() {
        KClient unreachable = KClient.builder()
                .bootstrapServers("localhost:1")
                .placeholders(value -> value.replace("${prefix}", prefix))
                .startTimeout(Duration.ofSeconds(2))
                .handlers(new Animals.Failing())
                .build();
        try {
            assertThatThrownBy(unreachable::start).isInstanceOf(KClientConfigurationException.class)
                    .hasMessageContaining("No Kafka broker answered within PT2S at localhost:1")
                    .hasMessageContaining("kclient.bootstrap-servers");
            assertThat(unreachable.isRunning()).isFalse();
        } finally {
            unreachable.close();
        }
    }

    @Test
    void restartResumesFromTheCommittedOffsetWithoutLoss() {
        start(fastRetries(), new Animals.Failing());
        for (int i = 0; i < 100; i++) {
            probe.send(prefix + ".dogs", "k" + (i % 10), "{\"id\":\"a" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }
        assertThat(probe.readAtLeast(prefix + ".cats", 100, WAIT)).hasSize(100);
        kclient.close();

        for (int i = 0; i < 100; i++) {
            probe.send(prefix + ".dogs", "k" + (i % 10), "{\"id\":\"b" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }
        start(fastRetries(), new Animals.Failing());

        List<ConsumerRecord<byte[], byte[]>> cats = probe.readAtLeast(prefix + ".cats", 200, WAIT);
        Set<String> ids = new HashSet<>();
        cats.forEach(cat -> ids.add(text(cat.value()).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")));
        assertThat(ids).hasSize(200);
        assertThat(cats).as("a graceful stop committed everything: nothing is handled twice").hasSize(200);
    }

    @Test
    void aStopThatTimesOutOnAStuckRecordLeavesTheNextRunThatRecordAlone() {
        HandlerSettings shortShutdown = TestSettings.defaults().withRetry(RetrySettings.NONE).with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(1));
        Animals.StuckOnOne first = new Animals.StuckOnOne();
        start(shortShutdown, first);
        probe.send(prefix + ".dogs", "s", "{\"id\":\"stuck\",\"name\":\"Stuck\",\"age\":1}");
        for (int i = 0; i < 60; i++) {
            probe.send(prefix + ".dogs", "k" + i, "{\"id\":\"d" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }
        assertThat(probe.readAtLeast(prefix + ".cats", 60, WAIT)).hasSize(60);
        // what a crash now would leave: a commit below the stuck dog that names the dogs done behind it
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.listConsumerGroupOffsets("stuckOnOne.onDog")
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .anyMatch(commit -> commit.getKey().topic().equals(prefix + ".dogs")
                            && commit.getValue().metadata().startsWith("kclient-done:")));
        }
        kclient.close(); // waits 1 s for the stuck dog, then commits below it, naming the 60 done behind it
        first.release.countDown();

        Animals.StuckOnOne second = new Animals.StuckOnOne();
        second.release.countDown();
        start(shortShutdown, second);
        List<ConsumerRecord<byte[], byte[]>> cats = probe.readAtLeast(prefix + ".cats", 61, WAIT);
        assertThat(cats.stream().map(cat -> text(cat.value())).filter(cat -> cat.contains("\"stuck\""))).hasSize(1);
        probe.awaitGroupAtEnd("stuckOnOne.onDog", prefix + ".dogs", WAIT); // the second run is done with every dog
        assertThat(second.handled).as("only the record that never finished is handled again").containsExactly("stuck");
    }

}
