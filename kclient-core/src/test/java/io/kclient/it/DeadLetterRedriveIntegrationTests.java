package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.Delivery;
import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.deadletter.DeadLetter;
import io.kclient.deadletter.RedriveHeaders;
import io.kclient.deadletter.RedriveRefusedException;
import io.kclient.deadletter.RedriveResult;
import io.kclient.deadletter.RedriveSelection;
import io.kclient.deadletter.RedriveSettings;
import io.kclient.it.Animals.Cat;
import io.kclient.it.Animals.Dog;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letters listed and redriven on a real broker: back to their topic with provenance headers,
 * nothing twice, only what a selection meets, at its rate, a record failing again counted until
 * max-redrives refuses it, and for an exactly-once handler too.
 */
class DeadLetterRedriveIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String VET = "vet";

    private final String prefix = "redrive-" + run.incrementAndGet();
    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private KClient kclient;

    @AfterEach
    void tearDown() {
        if (kclient != null) {
            kclient.close();
        }
        probe.close();
    }

    @Test
    void listsTheNewestFirstWithTheirFailureOriginAndAnEscapedExcerpt() {
        start(new Vet(), RedriveSettings.DEFAULT);
        sendDog("d1");
        sendDog("d2");
        probe.send(prefix + ".dogs", "p", "not json\n12:00 INFO forged\u001b[31m");
        probe.readAtLeast(prefix + ".dogs.DLT", 3, WAIT);

        List<DeadLetter> letters = kclient.deadLetters().list(VET, 10);

        assertThat(letters).hasSize(3).isSortedAccordingTo(Comparator.comparing(DeadLetter::deadLetteredAt).reversed());
        DeadLetter closed = letters.stream().filter(l -> "java.lang.IllegalStateException".equals(l.exceptionClass()))
                .findFirst().orElseThrow();
        assertThat(closed.exceptionMessage()).isEqualTo("vet closed");
        assertThat(closed.originTopic()).isEqualTo(prefix + ".dogs");
        assertThat(closed.originOffset()).isNotNull();
        assertThat(closed.originTimestamp()).isNotNull();
        assertThat(closed.redriveCount()).isZero();
        assertThat(closed.redriven()).isFalse();
        DeadLetter poison = letters.stream().filter(l -> l.exceptionClass().endsWith("PayloadConversionException")).findFirst()
                .orElseThrow();
        assertThat(poison.payload()).isEqualTo("not json\\u000a12:00 INFO forged\\u001b[31m").doesNotContain("\n", "\u001b");
        assertThat(kclient.deadLetters().list(VET, 2)).as("a bounded page").hasSize(2);
    }

    @Test
    void redrivesAllBackToTheirTopicWithProvenanceAndNothingTwice() {
        Vet vet = start(new Vet(), RedriveSettings.DEFAULT);
        for (int i = 1; i <= 3; i++) {
            sendDog("d" + i);
        }
        probe.readAtLeast(prefix + ".dogs.DLT", 3, WAIT);
        vet.open = true;

        RedriveResult result = kclient.deadLetters().redrive(VET, RedriveSelection.all());

        assertThat(result.redriven()).isEqualTo(3);
        assertThat(result.complete()).isTrue();
        assertThat(probe.awaitDistinctIds(prefix + ".cats", 3, WAIT)).hasSize(3);
        List<ConsumerRecord<byte[], byte[]>> redriven = probe.readAll(prefix + ".dogs").stream()
                .filter(record -> record.headers().lastHeader(RedriveHeaders.COUNT) != null).toList();
        assertThat(redriven).hasSize(3).allSatisfy(record -> {
            assertThat(text(record.headers().lastHeader(RedriveHeaders.COUNT).value())).isEqualTo("1");
            assertThat(text(record.headers().lastHeader(RedriveHeaders.DEAD_LETTER).value())).startsWith(prefix + ".dogs.DLT-");
            assertThat(text(record.headers().lastHeader(RedriveHeaders.FAILURE).value())).isEqualTo("java.lang.IllegalStateException");
        });

        RedriveResult again = kclient.deadLetters().redrive(VET, RedriveSelection.all());
        assertThat(again.redriven()).isZero();
        assertThat(again.message()).startsWith("Nothing to redrive");
        assertThat(probe.readAll(prefix + ".dogs")).as("the second redrive sent nothing").hasSize(6);
        assertThat(kclient.deadLetters().list(VET, 10)).hasSize(3).allSatisfy(letter -> assertThat(letter.redriven()).isTrue());
    }

    @Test
    void redrivesOnlyWhatTheSelectionMeetsAndAtItsRate() {
        Vet vet = start(new Vet(), RedriveSettings.DEFAULT);
        sendDog("bad-1");
        for (int i = 1; i <= 5; i++) {
            sendDog("d" + i);
        }
        probe.readAtLeast(prefix + ".dogs.DLT", 6, WAIT);
        vet.open = true;

        RedriveResult nothingYet = kclient.deadLetters().redrive(VET,
                RedriveSelection.all().deadLetteredBetween(Instant.now().plusSeconds(3600), null));
        assertThat(nothingYet.redriven()).isZero();

        RedriveResult two = kclient.deadLetters().redrive(VET, RedriveSelection.all().exceptionClass("IllegalStateException").limit(2));
        assertThat(two.redriven()).isEqualTo(2);
        assertThat(two.complete()).isFalse();
        assertThat(two.message()).contains("3 more meet the selection beyond its limit");

        DeadLetter one = kclient.deadLetters().list(VET, 10).stream()
                .filter(letter -> !letter.redriven() && letter.exceptionClass().endsWith("IllegalStateException")).findFirst()
                .orElseThrow();
        RedriveResult byOrigin = kclient.deadLetters().redrive(VET,
                RedriveSelection.all().origin(one.originTopic(), one.originPartition(), one.originOffset()));
        assertThat(byOrigin.redriven()).isEqualTo(1);

        long started = System.nanoTime();
        RedriveResult paced = kclient.deadLetters().redrive(VET, RedriveSelection.all().exceptionClass("IllegalStateException")
                .ratePerSecond(5));
        assertThat(paced.redriven()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two at 5 a second: 200 ms apart")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));

        assertThat(probe.awaitDistinctIds(prefix + ".cats", 5, WAIT)).hasSize(5);
        assertThat(kclient.deadLetters().list(VET, 10)).filteredOn(letter -> !letter.redriven())
                .singleElement().satisfies(bad -> assertThat(bad.exceptionClass()).endsWith("IllegalArgumentException"));
    }

    @Test
    void aRecordFailingAgainComesBackWithItsCountAndOnePastMaxRedrivesIsRefused() {
        start(new Vet(), new RedriveSettings(2));
        sendDog("bad-1");
        probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT);

        assertThat(kclient.deadLetters().redrive(VET, RedriveSelection.all()).redriven()).isEqualTo(1);
        probe.readAtLeast(prefix + ".dogs.DLT", 2, WAIT);
        assertThat(kclient.deadLetters().list(VET, 1)).singleElement().satisfies(letter -> {
            assertThat(letter.redriveCount()).as("failed again after one redrive").isEqualTo(1);
            assertThat(letter.redriven()).isFalse();
        });
        assertThat(kclient.deadLetters().redrive(VET, RedriveSelection.all()).redriven()).isEqualTo(1);
        probe.readAtLeast(prefix + ".dogs.DLT", 3, WAIT);
        sendDog("d1");
        probe.readAtLeast(prefix + ".dogs.DLT", 4, WAIT);
        int sentBefore = probe.readAll(prefix + ".dogs").size();

        assertThatThrownBy(() -> kclient.deadLetters().redrive(VET, RedriveSelection.all()))
                .isInstanceOfSatisfying(RedriveRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(RedriveRefusedException.Reason.CONFLICT);
                    assertThat(refused.deadLetters()).singleElement().asString().startsWith(prefix + ".dogs.DLT-");
                })
                .hasMessageContaining("redriven 2 times already (max-redrives)").hasMessageContaining("nothing was sent")
                .hasMessageContaining("skipExhausted");
        assertThat(probe.readAll(prefix + ".dogs")).as("refused whole: nothing sent").hasSize(sentBefore);

        RedriveResult others = kclient.deadLetters().redrive(VET, RedriveSelection.all().skippingExhausted());
        assertThat(others.redriven()).as("d1 only").isEqualTo(1);
        assertThat(others.skippedExhausted()).isEqualTo(1);
    }

    @Test
    void redrivesToAnExactlyOnceHandlerInATransaction() {
        ExactlyOnceVet vet = new ExactlyOnceVet();
        start(vet, RedriveSettings.DEFAULT);
        sendDog("d1");
        sendDog("d2");
        probe.readAtLeast(prefix + ".dogs.DLT", 2, WAIT);
        vet.open = true;

        assertThat(kclient.deadLetters().redrive(VET, RedriveSelection.all()).redriven()).isEqualTo(2);

        assertThat(probe.awaitDistinctIds(prefix + ".cats", 2, WAIT)).as("one cat per dog, read committed").hasSize(2);
        assertThat(vet.calls).containsEntry("d1", 2).containsEntry("d2", 2);
    }

    private <T> T start(T handler, RedriveSettings redrive) {
        kclient = KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(TestSettings.defaults().with(HandlerSettings.GROUP_ID, prefix).with(HandlerSettings.CONCURRENCY, 2)
                        .with(HandlerSettings.MAX_IN_FLIGHT, 100).withRetry(RetrySettings.NONE))
                .topics(new TopicSettings(true, 2, (short) 1))
                .redrive(redrive)
                .handlers(handler)
                .build();
        kclient.start();
        return handler;
    }

    private void sendDog(String id) {
        probe.send(prefix + ".dogs", id, "{\"id\":\"" + id + "\",\"name\":\"Rex\",\"age\":3}");
    }

    /** Fails every dog while closed; a dog whose id starts with "bad" always. */
    @KafkaHandlers
    public static class Vet {

        volatile boolean open;
        final Map<String, Integer> calls = new ConcurrentHashMap<>();

        @InputConsumer(id = VET, topic = "${prefix}.dogs")
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) {
            calls.merge(dog.id(), 1, Integer::sum);
            if (dog.id().startsWith("bad")) {
                throw new IllegalArgumentException("bad dog " + dog.id());
            }
            if (!open) {
                throw new IllegalStateException("vet closed");
            }
            return Cat.of(dog);
        }
    }

    /** {@link Vet}, exactly once. */
    @KafkaHandlers
    public static class ExactlyOnceVet {

        volatile boolean open;
        final Map<String, Integer> calls = new ConcurrentHashMap<>();

        @InputConsumer(id = VET, topic = "${prefix}.dogs", delivery = Delivery.EXACTLY_ONCE)
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) {
            calls.merge(dog.id(), 1, Integer::sum);
            if (!open) {
                throw new IllegalStateException("vet closed");
            }
            return Cat.of(dog);
        }
    }
}
