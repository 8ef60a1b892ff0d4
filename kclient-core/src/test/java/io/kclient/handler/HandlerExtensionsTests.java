package io.kclient.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.TombstonePolicy;
import io.kclient.KClientConfigurationException;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConverters;
import io.kclient.observe.HandlerObserver;
import io.kclient.convert.PayloadValidationException;
import io.kclient.listener.RecordOutcome;
import jakarta.validation.Valid;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What an application adds around a handler: {@code @Valid} payload validation and interceptors. */
class HandlerExtensionsTests {

    record Dog(String id, int age) {
    }

    record Cat(String id) {
    }

    public static class Handlers {
        final List<Dog> validated = new CopyOnWriteArrayList<>();
        final List<String> events;

        Handlers(List<String> events) {
            this.events = events;
        }

        public void valid(@Valid Dog dog) {
            validated.add(dog);
        }

        public void validRecord(@Valid ConsumerRecord<String, Dog> record) {
        }

        public Cat traced(Dog dog) {
            events.add("handler");
            return new Cat(dog.id());
        }
    }

    /** Dogs must not have a negative age. */
    private static final PayloadValidator AGES = payload -> ((Dog) payload).age() < 0 ? List.of("age: must not be negative") : List.of();

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Handlers handlers = new Handlers(events);
    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void aValidPayloadReachesTheHandler() throws Exception {
        RecordOutcome outcome = adapter("valid", null, new HandlerExtensions(AGES, List.of())).handle(record("{\"id\":\"d1\",\"age\":3}"));
        outcome.done().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(handlers.validated).containsExactly(new Dog("d1", 3));
    }

    @Test
    void anInvalidPayloadIsAPoisonPillListingTheViolations() {
        RecordOutcome outcome = adapter("valid", null, new HandlerExtensions(AGES, List.of())).handle(record("{\"id\":\"d1\",\"age\":-1}"));
        assertThatThrownBy(() -> outcome.done().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(PayloadValidationException.class)
                .hasMessage("Payload of " + Dog.class.getTypeName() + " is invalid: age: must not be negative")
                .satisfies(e -> assertThat(((PayloadValidationException) e).violations()).containsExactly("age: must not be negative"));
        assertThat(handlers.validated).isEmpty();
    }

    @Test
    void validWithoutAValidatorFailsTheStartSayingWhatToAdd() {
        assertThatThrownBy(() -> adapter("valid", null, HandlerExtensions.NONE))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'handlers' method valid").hasMessageContaining("@Valid on 'dog'")
                .hasMessageContaining("spring-boot-starter-validation").hasMessageContaining("payloadValidator");
    }

    @Test
    void validOnAConsumerRecordFailsTheStart() {
        assertThatThrownBy(() -> adapter("validRecord", null, new HandlerExtensions(AGES, List.of())))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("method validRecord").hasMessageContaining("onDog(@Valid Dog dog)");
    }

    @Test
    void interceptorsWrapTheCallInOrderMarkEachOutputAndEndWhenTheOutputIsAcknowledged() throws Exception {
        HandlerExtensions extensions = new HandlerExtensions(null, List.of(recording("outer"), recording("inner")));
        RecordOutcome outcome = adapter("traced", "cats", extensions).handle(record("{\"id\":\"d1\",\"age\":3}"));

        assertThat(events).containsExactly("outer begins dogs", "inner begins dogs", "outer current", "inner current",
                "handler", "outer publishes cats", "inner publishes cats", "inner closed", "outer closed");
        assertThat(producer.history()).singleElement().satisfies(out -> assertThat(out.headers().lastHeader("seen-by-inner"))
                .isNotNull());
        events.clear();
        producer.completeNext();
        outcome.done().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(events).containsExactly("inner ends null", "outer ends null");
    }

    @Test
    void aFailedCallEndsItsInvocationWithTheFailure() {
        HandlerExtensions extensions = new HandlerExtensions(AGES, List.of(recording("only")));
        adapter("valid", null, extensions).handle(record("{\"id\":\"d1\",\"age\":-1}"));
        assertThat(events).last().isEqualTo("only ends PayloadValidationException");
    }

    @Test
    void aCallThatThrowsEndsItsInvocationBeforeTheFailurePropagates() {
        PayloadValidator broken = payload -> {
            throw new IllegalStateException("validator misconfigured");
        };
        HandlerMethodAdapter adapter = adapter("valid", null, new HandlerExtensions(broken, List.of(recording("only"))));
        assertThatThrownBy(() -> adapter.handle(record("{\"id\":\"d1\",\"age\":3}"))).hasMessage("validator misconfigured");
        assertThat(events).containsExactly("only begins dogs", "only current", "only closed", "only ends IllegalStateException");
    }

    /** An {@link Error} around the method (here the validator's class is missing) fails the attempt, to be retried or dead-lettered. */
    @Test
    void anErrorThrownAroundTheCallEndsItsInvocationAndFailsTheAttempt() {
        PayloadValidator broken = payload -> {
            throw new NoClassDefFoundError("jakarta/validation/Validation");
        };
        HandlerMethodAdapter adapter = adapter("valid", null, new HandlerExtensions(broken, List.of(recording("only"))));

        RecordOutcome outcome = adapter.handleSafely(record("{\"id\":\"d1\",\"age\":3}"));

        assertThat(outcome.done().toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableThat()
                .havingCause().isInstanceOf(NoClassDefFoundError.class);
        assertThat(events).containsExactly("only begins dogs", "only current", "only closed", "only ends NoClassDefFoundError");
    }

    private HandlerInterceptor recording(String name) {
        return (handlerId, record) -> {
            events.add(name + " begins " + record.topic());
            return new HandlerInterceptor.Invocation() {
                @Override
                public HandlerInterceptor.Scope makeCurrent() {
                    events.add(name + " current");
                    return () -> events.add(name + " closed");
                }

                @Override
                public void beforePublish(ProducerRecord<byte[], byte[]> output) {
                    events.add(name + " publishes " + output.topic());
                    output.headers().add("seen-by-" + name, new byte[0]);
                }

                @Override
                public void end(Throwable failure) {
                    events.add(name + " ends " + (failure == null ? null : failure.getClass().getSimpleName()));
                }
            };
        };
    }

    private HandlerMethodAdapter adapter(String method, String outputTopic, HandlerExtensions extensions) {
        HandlerEndpoint endpoint = HandlerEndpoint.builder(handlers, method(method)).beanName("handlers").topics("dogs")
                .outputTopic(outputTopic).build();
        return HandlerMethodAdapter.create(endpoint, converters, () -> producer, () -> producer, extensions, HandlerObserver.NONE,
                TombstonePolicy.SKIP, false);
    }

    private static Method method(String name) {
        return Arrays.stream(Handlers.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ConsumerRecord<byte[], byte[]> record(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("dogs", 0, 7, 1000, TimestampType.CREATE_TIME, 2, bytes.length,
                "d1".getBytes(StandardCharsets.UTF_8), bytes, new RecordHeaders(), Optional.empty());
    }
}
