package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.KClient;
import io.kclient.TombstonePolicy;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.convert.TombstoneException;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.it.Animals.Cat;
import io.kclient.it.Animals.Dog;
import io.kclient.listener.DeadLetterPublisher;
import io.kclient.observe.HandlerObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Tombstones on a real broker, decided by the signature: a nullable payload receives them, any
 * other skips them (the default) or dead-letters them at once; never a retry.
 */
class TombstonesIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "tombstones-" + run.incrementAndGet();
    @AutoClose
    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    @AutoClose
    private KClient kclient;

    @KafkaHandlers
    public static class Kennel {

        final List<Object> deletions = new CopyOnWriteArrayList<>();

        /** Would throw a NullPointerException on a tombstone, be retried and dead-lettered, were it called with one. */
        @InputConsumer(topic = "${prefix}.dogs")
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) {
            return new Cat(dog.id(), dog.name(), dog.age());
        }

        @InputConsumer(topic = "${prefix}.nullable")
        public void onNullable(@Nullable Dog dog) {
            deletions.add(dog == null ? "deleted" : dog.id());
        }

        @InputConsumer(topic = "${prefix}.optional")
        public void onOptional(Optional<Dog> dog) {
            deletions.add(dog.map(Dog::id).orElse("empty"));
        }
    }

    @Test
    void aTombstoneANonNullableHandlerDoesNotTakeIsSkippedAndCountedNotRetriedNorDeadLettered() {
        start(TombstonePolicy.SKIP, new Kennel());
        probe.send(prefix + ".dogs", "k", null);
        probe.send(prefix + ".dogs", "k", "{not json"); // same key, behind the tombstone: the dead-letter topic's first record
        probe.send(prefix + ".dogs", "k", "{\"id\":\"d2\",\"name\":\"Fido\",\"age\":5}");

        assertThat(probe.readAtLeast(prefix + ".cats", 1, WAIT)).singleElement().satisfies(cat -> assertThat(text(cat.value())).contains("d2"));
        List<ConsumerRecord<byte[], byte[]>> dead = probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT);
        assertThat(dead).first().satisfies(letter -> assertThat(text(letter.value())).isEqualTo("{not json"));
        assertThat(skipped).containsExactly("kennel.onDog@" + prefix + ".dogs");
    }

    @Test
    void aNullablePayloadAndAnOptionalReceiveTheTombstone() {
        Kennel kennel = new Kennel();
        start(TombstonePolicy.SKIP, kennel);
        probe.send(prefix + ".nullable", "k", null);
        probe.send(prefix + ".optional", "k", null);
        probe.send(prefix + ".optional", "k", "{\"id\":\"d3\",\"name\":\"Ace\",\"age\":1}");

        await().atMost(WAIT).until(() -> kennel.deletions.size() >= 3);
        assertThat(kennel.deletions).containsExactlyInAnyOrder("deleted", "empty", "d3");
        assertThat(skipped).isEmpty();
    }

    @Test
    void underDeadLetterATombstoneIsAPoisonPillAtOnce() {
        start(TombstonePolicy.DEAD_LETTER, new Kennel());
        probe.send(prefix + ".dogs", "k", null);

        assertThat(probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT)).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isNull();
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_CLASS).value()))
                    .isEqualTo(TombstoneException.class.getName());
            assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE).value()))
                    .contains("payload parameter 'dog' (Dog) does not take");
        });
    }

    private void start(TombstonePolicy tombstones, Object handlers) {
        kclient = KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .topics(new TopicSettings(true, 1, (short) 1))
                .tombstones(tombstones)
                .observer(new HandlerObserver() {
                    @Override
                    public void tombstoneSkipped(String handlerId, String topic) {
                        skipped.add(handlerId + "@" + topic);
                    }
                })
                .handlers(handlers)
                .build();
        kclient.start();
    }
}
