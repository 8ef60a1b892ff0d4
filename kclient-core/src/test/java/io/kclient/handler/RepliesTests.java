package io.kclient.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.TombstonePolicy;
import io.kclient.HandlerExecutionException;
import io.kclient.KClientConfigurationException;
import io.kclient.Message;
import io.kclient.RecordCoordinates;
import io.kclient.clients.TextHeaders;
import io.kclient.annotation.Replies;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConverters;
import io.kclient.observe.HandlerObserver;
import io.kclient.rpc.RpcHeaders;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A request (a record naming a reply topic) gets exactly one reply, on the reply producer. */
class RepliesTests {

    record Dog(String id) {
    }

    record Cat(String id) {
    }

    public static class Handlers {

        public Cat one(Dog dog) {
            return new Cat(dog.id());
        }

        public void none(Dog dog) {
        }

        public List<Cat> many(Dog dog) {
            return List.of(new Cat("a"), new Cat("b"));
        }

        @Replies
        public Cat answer(Dog dog) {
            return new Cat(dog.id());
        }

        @Replies
        public void silent(Dog dog) {
        }

        public Message<Cat> message(Dog dog) {
            return Message.of(new Cat(dog.id())).key("new-key").topic("elsewhere").header("h", "v");
        }
    }

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());
    private final MockProducer<byte[], byte[]> outputs = producer();
    private final MockProducer<byte[], byte[]> replies = producer();

    @Test
    void aRequestIsAnsweredOnItsReplyTopicWithItsCorrelationIdAndNothingIsPublished() throws Exception {
        handle("one", request());

        assertThat(outputs.history()).isEmpty();
        assertThat(replies.history()).singleElement().satisfies(reply -> {
            assertThat(reply.topic()).isEqualTo("replies.app-1");
            assertThat(text(reply.key())).isEqualTo("key-1");
            assertThat(text(reply.value())).isEqualTo("{\"id\":\"d1\"}");
            assertThat(TextHeaders.text(reply.headers(), RpcHeaders.CORRELATION_ID)).isEqualTo("c-42");
            assertThat(TextHeaders.text(reply.headers(), RpcHeaders.ERROR_CLASS)).isNull();
        });
    }

    @Test
    void aRecordWithoutAReplyTopicIsPublishedAsUsual() throws Exception {
        handle("one", record(new RecordHeaders()));

        assertThat(replies.history()).isEmpty();
        assertThat(outputs.history()).singleElement().satisfies(out -> assertThat(out.topic()).isEqualTo("cats"));
    }

    @Test
    void aVoidHandlerAnswersWithANullValueSoItsCallerKnowsItIsDone() throws Exception {
        handle("none", request());

        assertThat(replies.history()).singleElement().satisfies(reply -> assertThat(reply.value()).isNull());
    }

    @Test
    void aCollectionIsOneReply() throws Exception {
        handle("many", request());

        assertThat(replies.history()).singleElement()
                .satisfies(reply -> assertThat(text(reply.value())).isEqualTo("[{\"id\":\"a\"},{\"id\":\"b\"}]"));
    }

    @Test
    void aMessageKeepsItsKeyAndHeadersButGoesWhereTheCallerWaits() throws Exception {
        handle("message", request());

        assertThat(replies.history()).singleElement().satisfies(reply -> {
            assertThat(reply.topic()).isEqualTo("replies.app-1");
            assertThat(text(reply.key())).isEqualTo("new-key");
            assertThat(TextHeaders.text(reply.headers(), "h")).isEqualTo("v");
            assertThat(TextHeaders.text(reply.headers(), RpcHeaders.CORRELATION_ID)).isEqualTo("c-42");
        });
    }

    @Test
    void aRequestWhoseHandlerFailedGetsAnErrorReplyNamingWhatTheHandlerThrew() {
        ConsumerRecord<byte[], byte[]> request = request();
        Throwable failure = new HandlerExecutionException("h", RecordCoordinates.of(request), new IllegalStateException("boom"));
        ErrorReplyPublisher errorReplies = new ErrorReplyPublisher(() -> replies, converters);

        errorReplies.replyIfRequest(record(new RecordHeaders()), failure);
        errorReplies.replyIfRequest(request, failure);

        assertThat(replies.history()).singleElement().satisfies(reply -> {
            assertThat(reply.topic()).isEqualTo("replies.app-1");
            assertThat(reply.value()).isNull();
            assertThat(TextHeaders.text(reply.headers(), RpcHeaders.CORRELATION_ID)).isEqualTo("c-42");
            assertThat(TextHeaders.text(reply.headers(), RpcHeaders.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(TextHeaders.text(reply.headers(), RpcHeaders.ERROR_MESSAGE)).isEqualTo("boom");
        });
    }

    @Test
    void aRepliesOnlyHandlerAnswersRequestsAndPublishesNothingElse() throws Exception {
        handle("answer", request());
        handle("answer", record(new RecordHeaders()));

        assertThat(outputs.history()).isEmpty();
        assertThat(replies.history()).singleElement().satisfies(reply -> assertThat(text(reply.value())).isEqualTo("{\"id\":\"d1\"}"));
    }

    @Test
    void repliesOnAVoidHandlerOrWithAnOutputTopicFailTheStartNamingTheFix() {
        assertThatThrownBy(() -> adapter("silent")).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("method silent(Dog) returns nothing but has @Replies").hasMessageContaining("remove @Replies");
        assertThatThrownBy(() -> endpoint("answer").outputTopic("cats").build()).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("has both @Replies and @OutputProducer");
    }

    private void handle(String method, ConsumerRecord<byte[], byte[]> record) throws Exception {
        adapter(method).handle(record).done().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private HandlerMethodAdapter adapter(String method) {
        return HandlerMethodAdapter.create(endpoint(method).build(), converters, () -> outputs, () -> replies, HandlerExtensions.NONE,
                HandlerObserver.NONE, TombstonePolicy.SKIP, false);
    }

    /** As {@link io.kclient.config.AnnotatedHandlerReader} reads it: {@code @Replies} or an output topic where it returns something. */
    private static HandlerEndpoint.Builder endpoint(String name) {
        Method method = Arrays.stream(Handlers.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        boolean repliesOnly = method.isAnnotationPresent(Replies.class);
        boolean publishes = !repliesOnly && method.getReturnType() != void.class && method.getReturnType() != Message.class;
        return HandlerEndpoint.builder(new Handlers(), method).topics("dogs").repliesOnly(repliesOnly)
                .outputTopic(publishes ? "cats" : null);
    }

    private static ConsumerRecord<byte[], byte[]> request() {
        RecordHeaders headers = new RecordHeaders();
        TextHeaders.put(headers, RpcHeaders.REPLY_TOPIC, "replies.app-1");
        TextHeaders.put(headers, RpcHeaders.CORRELATION_ID, "c-42");
        return record(headers);
    }

    private static ConsumerRecord<byte[], byte[]> record(RecordHeaders headers) {
        byte[] value = "{\"id\":\"d1\"}".getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("dogs", 0, 7, 1000, TimestampType.CREATE_TIME, 5, value.length,
                "key-1".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
