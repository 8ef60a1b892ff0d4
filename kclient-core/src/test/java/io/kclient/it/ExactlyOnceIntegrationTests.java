package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.Delivery;
import io.kclient.KClient;
import io.kclient.KClientConfigurationException;
import io.kclient.OutputPublishException;
import io.kclient.admin.TopicSettings;
import io.kclient.config.AnnotatedHandlerReader;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.listener.DeadLetterPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once handlers on a real broker, read back as a downstream {@code read_committed}
 * consumer would; and what becomes of a record whose output the broker refuses, in both delivery
 * modes: one clear error naming the handler and the topic, a dead letter, never a silent hang.
 */
class ExactlyOnceIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "exactly-once-" + run.incrementAndGet();

    @Test
    void outputsAndDeadLettersAreCommittedWithTheOffsetsAndSeenOnce() {
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            try (KClient kclient = start(b -> b.handlers(new Animals.ExactlyOnce()), 3)) {
                for (int i = 0; i < 200; i++) {
                    probe.sendAsync(prefix + ".dogs", "k" + (i % 10), dog(i, "Rex", i == 50 ? -1 : i));
                }
                probe.flush();
                probe.awaitGroupAtEnd("exactlyOnce.onDog", prefix + ".dogs", WAIT);
                assertThat(probe.readAll(prefix + ".cats")).as("every good dog's cat, once").hasSize(199);
                assertThat(probe.readAll(prefix + ".dogs.DLT")).singleElement()
                        .satisfies(letter -> assertThat(text(letter.value())).contains("\"id\":\"50\""));
            }
            assertThat(probe.committedOffsets("exactlyOnce.onDog", prefix + ".dogs")).as("the transactions carried every offset")
                    .isEqualTo(200);
        }
    }

    @Test
    void anOutputTheBrokerRefusesAbortsTheBatchWhichIsHandledAgainWithTheRecordDeadLettered() {
        Animals.Oversized oversized = new Animals.Oversized();
        try (TopicProbe probe = sendTwentyDogsTheEleventhHuge();
                KClient kclient = start(b -> b.endpoint(exactlyOnce(oversized)), 1)) {

            probe.awaitGroupAtEnd("oversized.onDog", prefix + ".dogs", WAIT);
            assertThat(probe.readAll(prefix + ".cats")).as("each fitting cat once").hasSize(19);
            assertRefusedAndDeadLettered(probe);
            assertThat(oversized.calls.get()).as("the aborted batch was handled again").isGreaterThan(20);
            System.out.printf("%s: %d handler calls, %d cats written in all (aborted ones included)%n", prefix,
                    oversized.calls.get(), probe.readAllUncommitted(prefix + ".cats").size());
        }
    }

    @Test
    void atLeastOnceAnOutputTheBrokerRefusesGoesToItsDeadLetterWithoutRetriesAndTheRestFlows() {
        Animals.Oversized oversized = new Animals.Oversized();
        try (TopicProbe probe = sendTwentyDogsTheEleventhHuge();
                KClient kclient = start(b -> b.handlers(oversized), 1)) {

            probe.awaitGroupAtEnd("oversized.onDog", prefix + ".dogs", WAIT);
            assertThat(probe.readAll(prefix + ".cats")).hasSize(19);
            assertRefusedAndDeadLettered(probe);
            assertThat(oversized.calls.get()).as("a record too large is not tried again").isEqualTo(20);
        }
    }

    @Test
    void aMissingOutputTopicFailsTheStartNamingIt() {
        SharedKafka.createTopics(1, (short) 1, prefix + ".dogs", prefix + ".dogs.DLT");
        KClient strict = builder(b -> b.handlers(new Animals.ExactlyOnce()), new TopicSettings(false, 1, (short) 1)).build();
        try {
            assertThatThrownBy(strict::start).isInstanceOf(KClientConfigurationException.class)
                    .hasMessageContaining("[" + prefix + ".cats] do not exist");
        } finally {
            strict.close();
        }
    }

    /** Sent before the handler starts, into one partition, so that its first batch holds them all. */
    private TopicProbe sendTwentyDogsTheEleventhHuge() {
        SharedKafka.createTopics(1, (short) 1, prefix + ".dogs", prefix + ".cats", prefix + ".dogs.DLT");
        TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
        for (int i = 0; i < 20; i++) {
            probe.sendAsync(prefix + ".dogs", "k" + (i % 4), dog(i, i == 10 ? "huge" : "Rex", i));
        }
        probe.flush();
        return probe;
    }

    private void assertRefusedAndDeadLettered(TopicProbe probe) {
        assertThat(probe.readAll(prefix + ".dogs.DLT")).singleElement().satisfies(letter -> {
            assertThat(text(letter.value())).contains("\"id\":\"10\"");
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_CLASS).value()))
                    .isEqualTo(OutputPublishException.class.getName());
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE).value()))
                    .contains("Handler 'oversized.onDog'").contains("to topic '" + prefix + ".cats'")
                    .contains("RecordTooLargeException");
        });
        assertThat(probe.readAll(prefix + ".cats")).noneMatch(cat -> text(cat.value()).contains("\"id\":\"10\""));
    }

    private HandlerEndpoint exactlyOnce(Object bean) {
        return new AnnotatedHandlerReader(placeholders()).read(bean, null, bean.getClass()).get(0).toBuilder()
                .with(HandlerSettings.DELIVERY, Delivery.EXACTLY_ONCE).build();
    }

    private KClient start(UnaryOperator<KClient.Builder> handlers, int partitions) {
        KClient kclient = builder(handlers, new TopicSettings(true, partitions, (short) 1)).build();
        kclient.start();
        return kclient;
    }

    private KClient.Builder builder(UnaryOperator<KClient.Builder> handlers, TopicSettings topics) {
        return handlers.apply(KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(placeholders())
                .defaults(TestSettings.defaults().with(HandlerSettings.MAX_IN_FLIGHT, 500))
                // a cat of a "huge" dog is over this; a dead letter (input plus a stack trace) is under it
                .producerProperties(Map.of("max.request.size", 50_000))
                .topics(topics));
    }

    private UnaryOperator<String> placeholders() {
        return value -> value.replace("${prefix}", prefix);
    }

    private static String dog(int id, String name, int age) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"age\":" + age + "}";
    }
}
