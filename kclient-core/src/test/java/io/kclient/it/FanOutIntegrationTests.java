package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.KClient;
import io.kclient.Message;
import io.kclient.RecordCoordinates;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.KafkaMetadata;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AMQP topic exchange on Kafka: a router publishes each reading to the topic its routing key
 * names ({@code node.<type>.<id>}), and subscribers bound by topic pattern, each in its own
 * consumer group, all get a copy of what matches their binding.
 */
class FanOutIntegrationTests {

    private static final AtomicInteger testNumber = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    record Reading(String type, String id, double value) {
    }

    /** Publishes each reading to the topic of its routing key. */
    @KafkaHandlers
    public static class Router {

        private final String prefix;

        Router(String prefix) {
            this.prefix = prefix;
        }

        @InputConsumer(topic = "${prefix}.readings")
        public Message<Reading> route(Reading reading) {
            return Message.of(reading).topic(prefix + ".node." + reading.type() + "." + reading.id());
        }
    }

    /** Two bindings: every sensor ({@code node.sensor.*}), and every node with id 7 ({@code node.*.7}). */
    @KafkaHandlers
    public static class Subscribers {

        final List<String> sensors = new CopyOnWriteArrayList<>();
        final List<String> sevens = new CopyOnWriteArrayList<>();

        @InputConsumer(topicPattern = "${prefix}\\.node\\.sensor\\.[^.]+", groupId = "${prefix}-sensors")
        public void onSensor(Reading reading, @KafkaMetadata RecordCoordinates where) {
            sensors.add(where.topic());
        }

        @InputConsumer(topicPattern = "${prefix}\\.node\\.[^.]+\\.7", groupId = "${prefix}-sevens")
        public void onSeven(Reading reading, @KafkaMetadata RecordCoordinates where) {
            sevens.add(where.topic());
        }
    }

    /** Fails on every reading: its records go to dead-letter topics its pattern also matches. */
    @KafkaHandlers
    public static class Failing {

        /** The topic of each attempt. */
        final List<String> attempts = new CopyOnWriteArrayList<>();

        @InputConsumer(topicPattern = "${prefix}\\.alarm\\..*")
        public void onAlarm(String alarm, @KafkaMetadata RecordCoordinates where) {
            attempts.add(where.topic());
            throw new IllegalStateException("cannot handle " + alarm);
        }
    }

    private String prefix;
    @AutoClose
    private TopicProbe probe;
    @AutoClose
    private KClient kclient;

    @BeforeEach
    void setUp() {
        prefix = "fanout-" + testNumber.incrementAndGet();
        probe = new TopicProbe(SharedKafka.bootstrapServers());
    }

    @Test
    void eachBindingGetsACopyOfWhatItsPatternMatches() throws Exception {
        createTopics(prefix + ".node.sensor.1", prefix + ".node.sensor.7", prefix + ".node.valve.7", prefix + ".node.valve.2");
        Subscribers subscribers = new Subscribers();
        start(new Router(prefix), subscribers);

        for (String node : List.of("sensor.1", "sensor.7", "valve.7", "valve.2")) {
            String[] typeAndId = node.split("\\.");
            probe.send(prefix + ".readings", node, "{\"type\":\"" + typeAndId[0] + "\",\"id\":\"" + typeAndId[1] + "\",\"value\":1.5}");
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(subscribers.sensors).containsExactlyInAnyOrder(prefix + ".node.sensor.1", prefix + ".node.sensor.7");
            assertThat(subscribers.sevens).containsExactlyInAnyOrder(prefix + ".node.sensor.7", prefix + ".node.valve.7");
        });
    }

    @Test
    void aPatternHandlerDoesNotReadItsOwnDeadLetters() throws Exception {
        createTopics(prefix + ".alarm.fire", prefix + ".alarm.fire.DLT");
        Failing failing = new Failing();
        start(failing);

        probe.send(prefix + ".alarm.fire", "k", "smoke");
        assertThat(probe.readAtLeast(prefix + ".alarm.fire.DLT", 1, WAIT)).hasSize(1);
        // the sentinel: a fetch that brings it would bring the dead letter written before it too, were it subscribed
        probe.send(prefix + ".alarm.fire", "k", "flames");
        assertThat(probe.readAtLeast(prefix + ".alarm.fire.DLT", 2, WAIT)).hasSize(2);

        assertThat(failing.attempts).as("three attempts at each alarm, none at a dead letter")
                .containsExactly(Collections.nCopies(6, prefix + ".alarm.fire").toArray(String[]::new));
        assertThat(kclient.container("failing.onAlarm").assignment()).extracting(partition -> partition.topic())
                .containsOnly(prefix + ".alarm.fire");
    }

    private void start(Object... handlers) {
        kclient = KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .topics(new TopicSettings(true, 1, (short) 1))
                .consumerProperties(Map.of("metadata.max.age.ms", 1000)) // find topics created after the start soon
                .handlers(handlers)
                .build();
        kclient.start();
    }

    private static void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(Set.of(topics).stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList()).all().get();
        }
    }
}
