package io.kclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.clients.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher outside handlers, on mock producers: what it sends, and what it refuses, clearly. */
class KafkaPublisherTests {

    record Dog(String id, String name) {
    }

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final MockClients mocks = new MockClients();
    private KafkaPublisher publisher = publisher(Map.of());

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void writesKeysAndValuesLikeReturnValues() throws Exception {
        CompletableFuture<RecordMetadata> json = publisher.send("dogs", "d1", new Dog("d1", "Rex"));
        publisher.send("raw", null, new byte[] {1, 2});
        producer.completeNext();
        producer.completeNext();

        assertThat(json.get(5, TimeUnit.SECONDS).topic()).isEqualTo("dogs");
        assertThat(producer.history()).satisfiesExactly(
                dog -> {
                    assertThat(text(dog.key())).isEqualTo("d1");
                    assertThat(text(dog.value())).isEqualTo("{\"id\":\"d1\",\"name\":\"Rex\"}");
                },
                raw -> {
                    assertThat(raw.key()).isNull();
                    assertThat(raw.value()).containsExactly(1, 2);
                });
    }

    @Test
    void aMessageChoosesItsHeadersAndPartition() {
        publisher.send(Message.of("Rex").topic("dogs").key("d1").partition(2).header("source", "rest"));

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.partition()).isEqualTo(2);
        assertThat(text(sent.headers().lastHeader("source").value())).isEqualTo("rest");
        assertThat(text(sent.value())).isEqualTo("Rex");
    }

    @Test
    void badRecordsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> publisher.send("dogs and cats", null, "x")).isInstanceOf(PublishException.class)
                .hasMessageContaining("topic 'dogs and cats' is not a valid topic name");
        assertThatThrownBy(() -> publisher.send("__consumer_offsets", null, "x")).isInstanceOf(PublishException.class)
                .hasMessageContaining("one of Kafka's internal topics");
        assertThatThrownBy(() -> publisher.send(Message.of("x"))).isInstanceOf(PublishException.class)
                .hasMessageContaining("no topic was named");
        assertThatThrownBy(() -> publisher.send("dogs", null, new byte[2 * 1024 * 1024])).isInstanceOf(PublishException.class)
                .hasMessageContaining("more than the 1048576 of max.request.size");
        assertThatThrownBy(() -> publisher.sendAll(List.of(Message.of("fine").topic("dogs"), Message.of("x").topic("bad topic"))))
                .isInstanceOf(PublishException.class).extracting(e -> ((PublishException) e).topic()).isEqualTo("bad topic");

        assertThat(producer.history()).as("nothing, not even the good message of the batch").isEmpty();
    }

    @Test
    void theLimitIsTheProducersOwn() {
        publisher = publisher(Map.of("max.request.size", "100"));
        assertThatThrownBy(() -> publisher.send("dogs", null, "x".repeat(200))).isInstanceOf(PublishException.class)
                .hasMessageContaining("more than the 100 of max.request.size");
    }

    @Test
    void whatTheClusterRefusesFailsTheFutureNamingTopicAndCause() {
        CompletableFuture<RecordMetadata> sent = publisher.send("dogs", "d1", "Rex");
        producer.errorNext(new TopicAuthorizationException("not for you"));

        assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PublishException.class).hasMessageContaining("Could not publish to topic 'dogs'")
                .hasMessageContaining("not for you");
    }

    @Test
    void sendAndWaitIsBoundedAndSaysWhatHappened() {
        assertThatThrownBy(() -> publisher.sendAndWait("dogs", "d1", "Rex", Duration.ofMillis(50)))
                .isInstanceOf(PublishException.class).hasMessageContaining("No acknowledgement of the record for topic 'dogs'")
                .hasMessageContaining("mock:9092");
        producer.completeNext();

        Thread refuse = new Thread(() -> {
            while (!producer.errorNext(new TimeoutException("Topic dogs not present in metadata after 10000 ms."))) {
                Thread.onSpinWait();
            }
        });
        refuse.start();
        assertThatThrownBy(() -> publisher.sendAndWait("dogs", "d2", "Rex", Duration.ofSeconds(10)))
                .isInstanceOf(PublishException.class).hasMessageContaining("no broker at mock:9092 answered in time")
                .satisfies(e -> assertThat(((PublishException) e).isRetriable()).isTrue());
    }

    @Test
    void sendAllSendsInOrderAndAnswersInOrder() throws Exception {
        CompletableFuture<List<RecordMetadata>> sent = publisher.sendAll(List.of(Message.of("a").topic("letters"),
                Message.of("b").topic("letters")));
        producer.completeNext();
        producer.completeNext();

        assertThat(sent.get(5, TimeUnit.SECONDS)).hasSize(2);
        assertThat(producer.history()).extracting(record -> text(record.value())).containsExactly("a", "b");
    }

    @Test
    void aTransactionNeedsATransactionalId() {
        assertThatThrownBy(() -> publisher.inTransaction(tx -> tx.send("dogs", null, "Rex")))
                .isInstanceOf(KClientConfigurationException.class).hasMessageContaining("kclient.producer.properties.transactional.id");
    }

    @Test
    void aTransactionCommitsItsSendsTogetherOrAbortsThem() {
        publisher = KafkaPublisher.builder().clients(mocks.onto(KafkaClientFactory.builder()).bootstrapServers("mock:9092")
                .producerProperties(Map.of("transactional.id", "app-1")).build()).build();

        publisher.inTransaction(tx -> {
            tx.send("dogs", "d1", "Rex");
            tx.send("audit", "d1", "adopted");
        });
        assertThatThrownBy(() -> publisher.inTransaction(tx -> {
            tx.send("dogs", "d2", "Max");
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");

        assertThat(mocks.producerConfigs).as("one transactional producer, reused").singleElement()
                .satisfies(config -> assertThat(config).containsEntry("transactional.id", "app-1-publisher-0"));
        MockProducer<byte[], byte[]> transactional = mocks.producers.get(0);
        assertThat(transactional.commitCount()).as("the first").isEqualTo(1);
        assertThat(transactional.transactionAborted()).as("the second").isTrue();
        assertThat(transactional.history()).extracting(record -> text(record.value())).containsExactly("Rex", "adopted");
    }

    private KafkaPublisher publisher(Map<String, Object> producerProperties) {
        return KafkaPublisher.builder().clients(KafkaClientFactory.builder().bootstrapServers("mock:9092")
                .producerProperties(producerProperties).producers(config -> producer).build()).build();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
