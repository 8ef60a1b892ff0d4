package io.kclient.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.KClientException;
import io.kclient.KafkaPublisher;
import io.kclient.OutputPublishException;
import io.kclient.TombstonePolicy;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConverters;
import io.kclient.listener.RecordOutcome;
import io.kclient.observe.HandlerObserver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A handler's sends through the publisher belong to its record: held until it returns, sent with
 * its output through its producer, and the record is done only once they are acknowledged.
 */
class JoinedSendsTests {

    private final MockProducer<byte[], byte[]> output = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final MockProducer<byte[], byte[]> publishers = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final KafkaPublisher publisher = KafkaPublisher.builder()
            .clients(KafkaClientFactory.builder().bootstrapServers("mock:9092").producers(config -> publishers).build()).build();

    public class Kennel {
        CompletableFuture<RecordMetadata> announced;
        Throwable waitingFailed;

        public String onDog(String dog) {
            announced = publisher.send("announcements", null, dog + " arrived");
            return dog + " the cat";
        }

        public String onDogThenFail(String dog) {
            announced = publisher.send("announcements", null, dog + " arrived");
            throw new IllegalStateException("no room");
        }

        public void onDogAndWait(String dog) {
            announced = publisher.send("announcements", null, dog + " arrived");
            try {
                announced.join();
            } catch (KClientException e) {
                waitingFailed = e;
            }
        }

        public void onDogInATransaction(String dog) {
            publisher.inTransaction(tx -> tx.send("announcements", null, dog));
        }
    }

    private final Kennel kennel = new Kennel();

    @Test
    void theRecordIsDoneOnlyOnceTheHandlersSendsAreAcknowledged() throws Exception {
        RecordOutcome outcome = adapter("onDog", false).handle(record("Rex"));

        assertThat(publishers.history()).as("not the publisher's own producer").isEmpty();
        assertThat(output.history()).extracting(sent -> sent.topic() + "=" + text(sent.value()))
                .containsExactly("announcements=Rex arrived", "cats=Rex the cat");
        assertThat(outcome.handled().toCompletableFuture()).as("handed off: nothing waits in the handler").isDone();
        output.completeNext();
        assertThat(outcome.done().toCompletableFuture()).as("its output is not acknowledged yet").isNotDone();
        assertThat(kennel.announced.get(5, TimeUnit.SECONDS).topic()).isEqualTo("announcements");
        output.completeNext();
        outcome.done().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSendThatFailsFailsTheRecordLikeAFailedOutput() {
        RecordOutcome outcome = adapter("onDog", false).handle(record("Rex"));
        output.errorNext(new RecordTooLargeException("too big"));
        output.completeNext();

        assertThatThrownBy(() -> outcome.done().toCompletableFuture().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(OutputPublishException.class).hasMessageContaining("to topic 'announcements'");
        assertThat(kennel.announced).isCompletedExceptionally();
    }

    @Test
    void aHandlerThatFailsSendsNothingItsRetrySendsAgain() {
        RecordOutcome outcome = adapter("onDogThenFail", false).handle(record("Rex"));

        assertThat(outcome.done().toCompletableFuture()).isCompletedExceptionally();
        assertThat(output.history()).isEmpty();
        assertThatThrownBy(() -> kennel.announced.get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("Not sent: handler")
                .hasMessageContaining("no room");
    }

    @Test
    void waitingForItsOwnSendInTheHandlerFailsAtOnceInsteadOfForever() {
        adapter("onDogAndWait", false).handle(record("Rex"));

        assertThat(kennel.waitingFailed).hasMessageContaining("would wait forever");
    }

    @Test
    void aTransactionInAnAtLeastOnceHandlerIsRefusedAndInAnExactlyOnceOneJoinsItsTransaction() {
        RecordOutcome refused = adapter("onDogInATransaction", false).handle(record("Rex"));
        assertThat(refused.done().toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> refused.done().toCompletableFuture().join()).hasMessageContaining("which is at-least-once");

        adapter("onDogInATransaction", true).handle(record("Rex"));
        assertThat(output.history()).extracting(sent -> text(sent.value())).containsExactly("Rex");
    }

    @Test
    void outsideHandlersTheSameCallSendsAtOnce() {
        publisher.send("announcements", null, "hello");

        assertThat(publishers.history()).hasSize(1);
        assertThat(JoinedSends.current()).isNull();
    }

    private HandlerMethodAdapter adapter(String method, boolean exactlyOnce) {
        try {
            HandlerEndpoint endpoint = HandlerEndpoint.builder(kennel, Kennel.class.getMethod(method, String.class)).beanName("kennel")
                    .topics("dogs").outputTopic(method.equals("onDog") || method.equals("onDogThenFail") ? "cats" : null).build();
            return HandlerMethodAdapter.create(endpoint, new PayloadConverters(JsonMapper.builder().build()), () -> output,
                    () -> output, HandlerExtensions.NONE, HandlerObserver.NONE, TombstonePolicy.SKIP, exactlyOnce);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(String value) {
        return new ConsumerRecord<>("dogs", 0, 7, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
