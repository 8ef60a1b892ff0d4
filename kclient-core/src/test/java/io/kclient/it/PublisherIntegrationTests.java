package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.Delivery;
import io.kclient.KClient;
import io.kclient.KafkaPublisher;
import io.kclient.Message;
import io.kclient.PublishException;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.OutputProducer;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher on a real broker: a message with its headers and partition, a transaction read
 * whole or not at all, and an exactly-once handler's sends in its own transaction, sent once even
 * when a failed attempt made them first.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PublisherIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void createTopics() {
        SharedKafka.createTopics(2, (short) 1, "pub.dogs", "pub.audit");
        SharedKafka.createTopics(1, (short) 1, "eo.announcements");
    }

    @Test
    void aMessageArrivesWithItsKeyHeadersAndPartition() {
        try (KafkaPublisher publisher = KafkaPublisher.builder().bootstrapServers(SharedKafka.bootstrapServers()).build();
                TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            publisher.sendAndWait(Message.of(new Animals.Dog("d1", "Rex", 3)).topic("pub.dogs").key("d1").partition(1)
                    .header("source", "test"), WAIT);

            ConsumerRecord<byte[], byte[]> dog = probe.readAtLeast("pub.dogs", 1, WAIT).get(0);
            assertThat(dog.partition()).isEqualTo(1);
            assertThat(text(dog.key())).isEqualTo("d1");
            assertThat(text(dog.value())).isEqualTo("{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");
            assertThat(text(dog.headers().lastHeader("source").value())).isEqualTo("test");
        }
    }

    /** A port nothing listens on: the send fails within max.block.ms, saying where it found no broker. */
    @Test
    void aBrokerThatDoesNotAnswerFailsTheSendClearly() throws Exception {
        String nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "localhost:" + socket.getLocalPort();
        }
        KafkaClientFactory clients = KafkaClientFactory.builder().bootstrapServers(nowhere)
                .producerProperties(Map.of("max.block.ms", 1_000)).build();
        try (KafkaPublisher publisher = KafkaPublisher.builder().clients(clients).build()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.sendAndWait("pub.dogs", "d1", "Rex", WAIT)).isInstanceOf(PublishException.class)
                    .hasMessageContaining("Could not publish to topic 'pub.dogs'")
                    .hasMessageContaining("no broker at " + nowhere + " answered in time")
                    .satisfies(e -> assertThat(((PublishException) e).isRetriable()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aTransactionIsReadWholeOrNotAtAll() {
        KafkaClientFactory clients = KafkaClientFactory.builder().bootstrapServers(SharedKafka.bootstrapServers())
                .producerProperties(Map.of("transactional.id", "publisher-it")).build();
        try (KafkaPublisher publisher = KafkaPublisher.builder().clients(clients).build();
                TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers())) {
            publisher.inTransaction(tx -> {
                tx.send("pub.audit", "t1", "adopted");
                tx.send("pub.audit", "t1", "vaccinated");
            });
            assertThatThrownBy(() -> publisher.inTransaction(tx -> {
                tx.send("pub.audit", "t2", "adopted").join(); // written, then aborted with its transaction
                throw new IllegalStateException("changed our mind");
            })).hasMessage("changed our mind");

            assertThat(probe.readAll("pub.audit")).extracting(record -> text(record.key()) + "=" + text(record.value()))
                    .containsExactlyInAnyOrder("t1=adopted", "t1=vaccinated");
            assertThat(probe.readAllUncommitted("pub.audit")).extracting(record -> text(record.key()))
                    .as("written, but aborted").contains("t2");
        }
    }

    /** Announces each dog through the publisher and returns its cat, in one transaction; the first try of "flaky" fails. */
    public static final class Shelter {

        final AtomicInteger flakyTries = new AtomicInteger();
        volatile KafkaPublisher publisher;

        @InputConsumer(id = "shelter", topic = "eo.dogs", delivery = Delivery.EXACTLY_ONCE)
        @OutputProducer(topic = "eo.cats")
        public Animals.Cat onDog(Animals.Dog dog, @KafkaKey String key) {
            publisher.send("eo.announcements", key, dog.name() + " arrived");
            if (key.equals("flaky") && flakyTries.incrementAndGet() == 1) {
                throw new IllegalStateException("first try fails, after its send");
            }
            return Animals.Cat.of(dog);
        }
    }

    @Test
    void anExactlyOnceHandlersSendsJoinItsTransactionAndAFailedTrySendsNothing() {
        Shelter shelter = new Shelter();
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
                KClient kclient = KClient.builder().bootstrapServers(SharedKafka.bootstrapServers())
                        .topics(new TopicSettings(true, 1, (short) 1)).handlers(shelter).build()) {
            shelter.publisher = kclient.publisher();
            kclient.start();
            for (String key : List.of("d1", "flaky", "d3")) {
                probe.send("eo.dogs", key, "{\"id\":\"" + key + "\",\"name\":\"" + key + "-dog\",\"age\":1}");
            }

            assertThat(probe.readAtLeast("eo.cats", 3, WAIT)).hasSize(3);
            assertThat(probe.readAll("eo.announcements")).extracting(record -> text(record.value()))
                    .containsExactlyInAnyOrder("d1-dog arrived", "flaky-dog arrived", "d3-dog arrived");
            assertThat(probe.readAllUncommitted("eo.announcements")).as("the failed try's send was never written").hasSize(3);
            assertThat(shelter.flakyTries).hasValue(2);
        }
    }
}
