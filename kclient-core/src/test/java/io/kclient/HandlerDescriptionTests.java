package io.kclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.OutputProducer;
import io.kclient.annotation.Replies;
import io.kclient.annotation.RetryTopics;
import io.kclient.engine.HandlerDescription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/** What {@link KClient#describe()} says of each handler: the types it reads and publishes, and where its records go. */
class HandlerDescriptionTests {

    record Dog(String id) {
    }

    record Cat(String id) {
    }

    public static class Handlers {

        @InputConsumer(id = "plain", topic = "dogs")
        @OutputProducer(topic = "cats")
        @RetryTopics(delays = {"1s", "10s"})
        public List<Cat> plain(Optional<Dog> dog, @KafkaKey Long key) {
            return List.of();
        }

        @InputConsumer(id = "record", topicPattern = "animals\\..*")
        @Replies
        public CompletableFuture<Message<Cat>> record(ConsumerRecord<String, Dog> record) {
            return null;
        }

        @InputConsumer(id = "raw", topic = "raw")
        public void raw(ConsumerRecord<byte[], byte[]> record) {
        }
    }

    @Test
    void theTypesComeFromTheSignatureUnwrappedAsTheEngineUnwrapsValues() {
        try (KClient kclient = KClient.builder().bootstrapServers("localhost:9").producerFactory(config -> new MockProducer<>())
                .handlers(new Handlers()).build()) {
            HandlerDescription plain = described(kclient, "plain");
            assertThat(plain.payloadType()).isEqualTo(Dog.class);
            assertThat(plain.keyType()).isEqualTo(Long.class);
            assertThat(plain.outputType()).isEqualTo(Cat.class);
            assertThat(plain.retryTopics("dogs")).containsExactly("dogs.retry-1", "dogs.retry-2");
            assertThat(plain.deadLetterTopic("dogs")).isEqualTo("dogs.DLT");
            assertThat(plain.formatSchemaOf(Dog.class)).as("JSON: no format states its schema").isNull();

            HandlerDescription record = described(kclient, "record");
            assertThat(record.payloadType()).isEqualTo(Dog.class);
            assertThat(record.keyType()).isEqualTo(String.class);
            assertThat(record.outputType()).isEqualTo(Cat.class);

            HandlerDescription raw = described(kclient, "raw");
            assertThat(raw.payloadType()).isEqualTo(byte[].class);
            assertThat(raw.outputType()).isNull();
        }
    }

    private static HandlerDescription described(KClient kclient, String id) {
        return kclient.describe().stream().filter(handler -> handler.endpoint().id().equals(id)).findFirst().orElseThrow();
    }
}
