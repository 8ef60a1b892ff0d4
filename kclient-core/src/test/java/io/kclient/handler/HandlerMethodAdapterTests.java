package io.kclient.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.HandlerExecutionException;
import io.kclient.KClientConfigurationException;
import io.kclient.Message;
import io.kclient.OutputPublishException;
import io.kclient.RecordCoordinates;
import io.kclient.TombstonePolicy;
import io.kclient.annotation.KafkaHeader;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.KafkaMetadata;
import io.kclient.config.ErrorHandlerMethod;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.TombstoneException;
import io.kclient.observe.HandlerObserver;
import io.kclient.rpc.RpcHeaders;
import io.kclient.listener.RecordOutcome;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HandlerMethodAdapterTests {

    record Dog(String id, String name) {
    }

    record Cat(String id) {
    }

    /** A value Jackson cannot write: its only property throws. */
    record Unwritable(String id) {
        @Override
        public String id() {
            throw new IllegalStateException("cannot be written");
        }
    }

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    public static class Handlers {
        final CompletableFuture<Cat> pending = new CompletableFuture<>();
        Object[] lastArguments;

        public Cat one(Dog dog) {
            return new Cat(dog.id());
        }

        public List<Object> partlyUnwritable(Dog dog) {
            return List.of(new Cat(dog.id()), new Unwritable(dog.id()));
        }

        public void none(Dog dog) {
            lastArguments = new Object[] {dog};
        }

        public Cat nothing(Dog dog) {
            return null;
        }

        public List<Cat> many(Dog dog) {
            return List.of(new Cat(dog.id() + "-1"), new Cat(dog.id() + "-2"));
        }

        public CompletableFuture<Cat> later(Dog dog) {
            return pending;
        }

        public Message<Cat> message(Dog dog) {
            return Message.of(new Cat(dog.id())).key("new-key").topic("elsewhere").header("h", "v");
        }

        public Cat fails(Dog dog) {
            throw new IllegalStateException("boom");
        }

        public CompletableFuture<Cat> failsLater(Dog dog) {
            return CompletableFuture.failedFuture(new IllegalStateException("later boom"));
        }

        public void extras(Dog dog, @KafkaKey String key, @KafkaHeader("trace") String trace,
                @KafkaHeader("missing") byte[] missing, @KafkaMetadata RecordCoordinates where) {
            lastArguments = new Object[] {dog, key, trace, missing, where};
        }

        public void record(ConsumerRecord<String, Dog> record) {
            lastArguments = new Object[] {record};
        }

        public void noParameter() {
        }

        public void twoPayloads(Dog dog, Cat cat) {
        }

        public void primitive(int n) {
        }

        public void badHeader(Dog dog, @KafkaHeader("n") int n) {
        }

        public void badMetadata(Dog dog, @KafkaMetadata String where) {
        }

        public static void statik(Dog dog) {
        }

        public void onIllegalState(IllegalStateException e, Dog dog) {
            lastArguments = new Object[] {"state", e, dog};
        }

        public void onRuntime(RuntimeException e, String raw) {
            lastArguments = new Object[] {"runtime", e, raw};
        }

        public void wrongExceptionParameter(IllegalArgumentException e) {
        }

        public Cat jspecify(@org.jspecify.annotations.Nullable Dog dog) {
            lastArguments = new Object[] {dog};
            return dog == null ? new Cat("deleted") : new Cat(dog.id());
        }

        public void jakarta(@jakarta.annotation.Nullable Dog dog) {
            lastArguments = new Object[] {dog};
        }

        public void optional(Optional<Dog> dog) {
            lastArguments = new Object[] {dog};
        }

        public void wholeRecord(ConsumerRecord<String, Dog> record) {
            lastArguments = new Object[] {record.value()};
        }
    }

    private final Handlers handlers = new Handlers();

    @Test
    void publishesTheReturnValueToTheOutputTopicWithTheInputKey() throws Exception {
        complete(adapter("one", "cats").handle(record("{\"id\":\"d1\",\"name\":\"Rex\"}")).done());
        assertThat(producer.history()).singleElement().satisfies(out -> {
            assertThat(out.topic()).isEqualTo("cats");
            assertThat(text(out.key())).isEqualTo("key-1");
            assertThat(text(out.value())).isEqualTo("{\"id\":\"d1\"}");
        });
    }

    @Test
    void publishesNothingForVoidOrNull() throws Exception {
        complete(adapter("none", null).handle(record("{\"id\":\"d1\"}")).done());
        complete(adapter("nothing", "cats").handle(record("{\"id\":\"d1\"}")).done());
        assertThat(producer.history()).isEmpty();
        assertThat(handlers.lastArguments).containsExactly(new Dog("d1", null));
    }

    @Test
    void publishesEachElementOfACollection() throws Exception {
        complete(adapter("many", "cats").handle(record("{\"id\":\"d1\"}")).done());
        assertThat(producer.history()).extracting(r -> text(r.value())).containsExactly("{\"id\":\"d1-1\"}", "{\"id\":\"d1-2\"}");
    }

    @Test
    void aFutureIsPublishedWhenItCompletesAndDoneOnlyWhenTheBrokerAcknowledged() throws Exception {
        MockProducer<byte[], byte[]> manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        RecordOutcome outcome = adapter("later", "cats", manual).handle(record("{\"id\":\"d1\"}"));
        assertThat(manual.history()).isEmpty();
        assertThat(outcome.handled().toCompletableFuture()).as("the key waits for the future").isNotDone();

        handlers.pending.complete(new Cat("c1"));
        assertThat(manual.history()).hasSize(1);
        assertThat(outcome.handled().toCompletableFuture()).as("queued in the producer: the key may move on").isDone();
        assertThat(outcome.done().toCompletableFuture()).isNotDone();

        manual.completeNext();
        complete(outcome.done());
    }

    @Test
    void aFailedSendFailsTheRecord() {
        MockProducer<byte[], byte[]> manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        CompletionStage<Void> stage = adapter("one", "cats", manual).handle(record("{\"id\":\"d1\"}")).done();
        manual.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
        assertThatThrownBy(() -> complete(stage)).hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    @Test
    void aRefusedSendNamesTheHandlerAndTheTopicAndSaysWhetherTryingAgainCanHelp() {
        MockProducer<byte[], byte[]> manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        CompletionStage<Void> tooLarge = adapter("one", "cats", manual).handle(record("{\"id\":\"d1\"}")).done();
        manual.errorNext(new RecordTooLargeException("too large"));
        assertThatThrownBy(() -> complete(tooLarge)).cause().isInstanceOfSatisfying(OutputPublishException.class, refused -> {
            assertThat(refused).hasMessageContaining("Handler 'handlers.one'").hasMessageContaining("dogs-0@7")
                    .hasMessageContaining("to topic 'cats'");
            assertThat(refused.topic()).isEqualTo("cats");
            assertThat(refused.isRetriable()).as("a record too large stays too large").isFalse();
        });

        CompletionStage<Void> timedOut = adapter("one", "cats", manual).handle(record("{\"id\":\"d1\"}")).done();
        manual.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
        assertThatThrownBy(() -> complete(timedOut)).cause().isInstanceOfSatisfying(OutputPublishException.class,
                refused -> assertThat(refused.isRetriable()).as("the broker may be back").isTrue());
    }

    @Test
    void aCollectionWithAnElementThatCannotBeWrittenSendsNothing() {
        assertThatThrownBy(() -> complete(adapter("partlyUnwritable", "cats").handle(record("{\"id\":\"d1\"}")).done()))
                .hasStackTraceContaining("cannot be written");
        assertThat(producer.history()).as("no half output, which a retry would publish twice").isEmpty();
    }

    @Test
    void aMessageChoosesItsKeyTopicAndHeaders() throws Exception {
        complete(adapter("message", null).handle(record("{\"id\":\"d1\"}")).done());
        ProducerRecord<byte[], byte[]> out = producer.history().get(0);
        assertThat(out.topic()).isEqualTo("elsewhere");
        assertThat(text(out.key())).isEqualTo("new-key");
        assertThat(text(out.headers().lastHeader("h").value())).isEqualTo("v");
    }

    @Test
    void handlerFailuresCarryTheCoordinatesAndTheCause() {
        assertThatThrownBy(() -> complete(adapter("fails", "cats").handle(record("{\"id\":\"d1\"}")).done()))
                .cause().isInstanceOf(HandlerExecutionException.class)
                .hasMessageContaining("dogs-0@7").hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> complete(adapter("failsLater", "cats").handle(record("{\"id\":\"d1\"}")).done()))
                .cause().isInstanceOf(HandlerExecutionException.class).hasRootCauseMessage("later boom");
    }

    @Test
    void anUnreadablePayloadFailsWithTheConversionErrorItself() {
        assertThatThrownBy(() -> complete(adapter("one", "cats").handle(record("{not json")).done()))
                .cause().isInstanceOf(PayloadConversionException.class);
    }

    @Test
    void resolvesKeyHeadersAndCoordinates() throws Exception {
        ConsumerRecord<byte[], byte[]> record = record("{\"id\":\"d1\"}");
        record.headers().add(new RecordHeader("trace", bytes("t-1")));
        complete(adapter("extras", null).handle(record).done());
        assertThat(handlers.lastArguments).containsExactly(new Dog("d1", null), "key-1", "t-1", null,
                new RecordCoordinates("dogs", 0, 7, 1000));
    }

    @Test
    void convertsAConsumerRecordsKeyAndValue() throws Exception {
        complete(adapter("record", null).handle(record("{\"id\":\"d1\"}")).done());
        ConsumerRecord<?, ?> converted = (ConsumerRecord<?, ?>) handlers.lastArguments[0];
        assertThat(converted.key()).isEqualTo("key-1");
        assertThat(converted.value()).isEqualTo(new Dog("d1", null));
        assertThat(converted.offset()).isEqualTo(7);
    }

    @Test
    void signatureMistakesFailAtCreationNamingBeanMethodAndFix() {
        assertMistake("noParameter", null, "method noParameter() has no parameter");
        assertMistake("twoPayloads", null, "has two payload parameters");
        assertMistake("primitive", null, "cannot take int");
        assertMistake("badHeader", null, "@KafkaHeader(\"n\") on a int parameter: declare it String or byte[]");
        assertMistake("badMetadata", null, "declare it RecordCoordinates");
        assertMistake("statik", null, "is static");
        assertMistake("one", null, "returns Cat but has no @OutputProducer topic");
        assertMistake("none", "cats", "returns nothing but has @OutputProducer(topic = \"cats\")");
    }

    @Test
    void theMostSpecificErrorHandlerRuns() {
        HandlerEndpoint endpoint = endpoint("one", "cats").toBuilder()
                .errorHandler(new ErrorHandlerMethod(method("onRuntime"), RuntimeException.class, null))
                .errorHandler(new ErrorHandlerMethod(method("onIllegalState"), IllegalStateException.class, null))
                .build();
        ErrorHandlerInvoker invoker = ErrorHandlerInvoker.create(endpoint, converters);
        ConsumerRecord<byte[], byte[]> record = record("{\"id\":\"d1\"}");

        assertThat(invoker.invoke(record, new HandlerExecutionException("h", RecordCoordinates.of(record), new IllegalStateException("x")))).isTrue();
        assertThat(handlers.lastArguments[0]).isEqualTo("state");
        assertThat(handlers.lastArguments[2]).isEqualTo(new Dog("d1", null));

        assertThat(invoker.invoke(record("not json"), new IllegalArgumentException("y"))).isTrue();
        assertThat(handlers.lastArguments).containsExactly("runtime", handlers.lastArguments[1], "not json");

        assertThat(invoker.invoke(record, new Exception("checked"))).isFalse();
    }

    @Test
    void anErrorHandlerOfAnotherTopicDoesNotRun() {
        HandlerEndpoint endpoint = endpoint("one", "cats").toBuilder()
                .errorHandler(new ErrorHandlerMethod(method("onRuntime"), RuntimeException.class, "other")).build();
        assertThat(ErrorHandlerInvoker.create(endpoint, converters).invoke(record("{}"), new IllegalStateException())).isFalse();
    }

    @Test
    void anErrorHandlerParameterMustReceiveTheHandledException() {
        HandlerEndpoint endpoint = endpoint("one", "cats").toBuilder()
                .errorHandler(new ErrorHandlerMethod(method("wrongExceptionParameter"), RuntimeException.class, null)).build();
        assertThatThrownBy(() -> ErrorHandlerInvoker.create(endpoint, converters))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("method wrongExceptionParameter(IllegalArgumentException) takes a IllegalArgumentException but handles RuntimeException");
    }

    @Test
    void aNullablePayloadReceivesTheTombstone() throws Exception {
        complete(adapter("jspecify", "cats").handle(record(null)).done());
        assertThat(handlers.lastArguments).containsExactly((Object) null);
        assertThat(producer.history()).extracting(out -> text(out.value())).containsExactly("{\"id\":\"deleted\"}");

        handlers.lastArguments = null;
        complete(adapter("jakarta", null).handle(record(null)).done());
        assertThat(handlers.lastArguments).containsExactly((Object) null);
        complete(adapter("optional", null).handle(record(null)).done());
        assertThat(handlers.lastArguments).containsExactly(Optional.empty());
        complete(adapter("wholeRecord", null).handle(record(null)).done());
        assertThat(handlers.lastArguments).containsExactly((Object) null);
    }

    @Test
    void aTombstoneIsSkippedByDefaultWithoutCallingTheHandlerAndCounted() throws Exception {
        List<String> skipped = new ArrayList<>();
        HandlerObserver observer = new HandlerObserver() {
            @Override
            public void tombstoneSkipped(String handlerId, String topic) {
                skipped.add(handlerId + "@" + topic);
            }
        };
        HandlerMethodAdapter adapter = HandlerMethodAdapter.create(endpoint("none", null), converters, () -> producer, () -> producer,
                HandlerExtensions.NONE, observer, TombstonePolicy.SKIP, false);

        complete(adapter.handle(record(null)).done());

        assertThat(handlers.lastArguments).as("the handler was not called").isNull();
        assertThat(skipped).containsExactly("handlers.none@dogs");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aSkippedTombstoneRequestStillGetsItsReply() throws Exception {
        ConsumerRecord<byte[], byte[]> request = record(null);
        request.headers().add(RpcHeaders.REPLY_TOPIC, bytes("replies")).add(RpcHeaders.CORRELATION_ID, bytes("c-1"));

        complete(adapter("one", "cats").handle(request).done());

        assertThat(producer.history()).singleElement().satisfies(reply -> {
            assertThat(reply.topic()).isEqualTo("replies");
            assertThat(reply.value()).isNull();
        });
    }

    @Test
    void underDeadLetterATombstoneIsAPoisonPillNamingTheParameter() {
        HandlerEndpoint deadLetter = endpoint("one", "cats").toBuilder()
                .with(HandlerSettings.TOMBSTONES, TombstonePolicy.DEAD_LETTER).build();

        RecordOutcome outcome = HandlerMethodAdapter.create(deadLetter, converters, producer).handle(record(null));

        assertThatThrownBy(() -> complete(outcome.done())).cause().isInstanceOf(TombstoneException.class)
                .isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("payload parameter 'dog' (Dog) does not take")
                .hasMessageContaining("@Nullable or Optional<Dog>");
        assertThat(producer.history()).isEmpty();
    }

    private void assertMistake(String method, String output, String fragment) {
        assertThatThrownBy(() -> adapter(method, output)).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'handlers' method " + method).hasMessageContaining(fragment);
    }

    private HandlerMethodAdapter adapter(String method, String outputTopic) {
        return adapter(method, outputTopic, producer);
    }

    private HandlerMethodAdapter adapter(String method, String outputTopic, MockProducer<byte[], byte[]> target) {
        return HandlerMethodAdapter.create(endpoint(method, outputTopic), converters, target);
    }

    private HandlerEndpoint endpoint(String method, String outputTopic) {
        return HandlerEndpoint.builder(handlers, method(method)).beanName("handlers").topics("dogs").outputTopic(outputTopic).build();
    }

    private static Method method(String name) {
        return Arrays.stream(Handlers.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ConsumerRecord<byte[], byte[]> record(String value) {
        return new ConsumerRecord<>("dogs", 0, 7, 1000, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 5,
                value == null ? -1 : value.length(), bytes("key-1"), value == null ? null : bytes(value),
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }

    private static void complete(CompletionStage<Void> stage) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
