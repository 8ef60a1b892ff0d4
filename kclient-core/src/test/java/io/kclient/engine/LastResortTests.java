package io.kclient.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.KafkaPublisher;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.config.ErrorHandlerMethod;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConverters;
import io.kclient.handler.ErrorHandlerInvoker;
import io.kclient.handler.ErrorReplyPublisher;
import io.kclient.listener.DeadLetterPublisher;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record after its last attempt: its error handler, then its dead letter, and it is done only
 * once both the dead letter and what the error handler sent through the publisher are acknowledged.
 */
class LastResortTests {

    /** The handler's producer, which its error handler's sends go through; the dead letters' is another here, to answer apart. */
    private final MockProducer<byte[], byte[]> output = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final MockProducer<byte[], byte[]> publishersOwn = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final Kennel kennel = new Kennel();

    public class Kennel {
        final KafkaPublisher publisher = KafkaPublisher.builder()
                .clients(KafkaClientFactory.builder().bootstrapServers("mock:9092").producers(config -> publishersOwn).build()).build();
        volatile boolean failing;

        public String onDog(String dog) {
            throw new IllegalStateException("no room");
        }

        public void callTheVet(IllegalStateException e, String dog) {
            publisher.send("vets", null, dog + " needs a vet");
            if (failing) {
                throw new IllegalArgumentException("vet closed");
            }
        }
    }

    @Test
    void theRecordIsDoneOnlyOnceItsDeadLetterAndItsErrorHandlersSendsAreAcknowledged() throws Exception {
        CompletableFuture<Void> recovered = recover();

        assertThat(output.history()).extracting(sent -> sent.topic() + "=" + text(sent.value())).containsExactly("vets=Rex needs a vet");
        assertThat(deadLetters.history()).extracting(sent -> sent.topic()).containsExactly("dogs.DLT");
        assertThat(publishersOwn.history()).isEmpty();
        deadLetters.completeNext();
        assertThat(recovered).as("the error handler's send is not acknowledged yet").isNotDone();
        output.completeNext();
        recovered.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedSendOfTheErrorHandlerFailsTheRecoverySoItIsTriedAgain() {
        CompletableFuture<Void> recovered = recover();

        deadLetters.completeNext();
        output.errorNext(new RecordTooLargeException("too big"));

        assertThat(recovered).isCompletedExceptionally();
        assertThatThrownBy(recovered::join).hasMessageContaining("to topic 'vets'");
    }

    @Test
    void anErrorHandlerThatThrowsSendsNothingAndTheRecordStillGoesToItsDeadLetterTopic() throws Exception {
        kennel.failing = true;
        CompletableFuture<Void> recovered = recover();

        assertThat(output.history()).isEmpty();
        assertThat(publishersOwn.history()).isEmpty();
        deadLetters.completeNext();
        recovered.get(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<Void> recover() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("dogs", 0, 7, null, "Rex".getBytes(StandardCharsets.UTF_8));
        return lastResort().recover(record, new IllegalStateException("no room")).toCompletableFuture();
    }

    private LastResort lastResort() {
        try {
            HandlerEndpoint endpoint = HandlerEndpoint.builder(kennel, Kennel.class.getMethod("onDog", String.class))
                    .beanName("kennel").topics("dogs")
                    .errorHandler(new ErrorHandlerMethod(Kennel.class.getMethod("callTheVet", IllegalStateException.class,
                            String.class), IllegalStateException.class, null))
                    .build();
            PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());
            return new LastResort(endpoint.id(), topic -> topic + ".DLT",
                    ErrorHandlerInvoker.create(endpoint, converters, () -> output, false),
                    new ErrorReplyPublisher(() -> output, converters), new DeadLetterPublisher(deadLetters, topic -> topic + ".DLT"));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
