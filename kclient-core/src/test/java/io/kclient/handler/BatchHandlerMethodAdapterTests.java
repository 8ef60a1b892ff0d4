package io.kclient.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.BatchFailedException;
import io.kclient.HandlerExecutionException;
import io.kclient.KClientConfigurationException;
import io.kclient.KafkaPublisher;
import io.kclient.OutputPublishException;
import io.kclient.TombstonePolicy;
import io.kclient.annotation.KafkaKey;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadConverters;
import io.kclient.listener.Attempt;
import io.kclient.observe.HandlerObserver;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A batch handler's signature checked at start, and its per-record outcomes: no consumer, no broker. */
class BatchHandlerMethodAdapterTests {

    record Dog(String id) {
    }

    record Cat(String id) {
    }

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final Handlers handlers = new Handlers();

    public static class Handlers {
        List<Object> got;
        RuntimeException failure;
        /** The dog whose admission fails, with or without the cats of the dogs before it. */
        String refused;
        boolean passesCats = true;

        public List<Cat> cats(List<Dog> dogs) {
            got = List.copyOf(dogs);
            if (failure != null) {
                throw failure;
            }
            List<Cat> cats = new ArrayList<>();
            for (int i = 0; i < dogs.size(); i++) {
                Dog dog = dogs.get(i);
                if (dog.id().equals(refused)) {
                    IllegalStateException full = new IllegalStateException("kennel full");
                    throw passesCats ? new BatchFailedException(i, full, cats) : new BatchFailedException(i, full);
                }
                cats.add(dog.id().equals("quiet") ? null : new Cat(dog.id()));
            }
            return cats;
        }

        public void records(List<ConsumerRecord<String, Dog>> records) {
            got = List.copyOf(records);
            if (failure != null) {
                throw failure;
            }
        }

        public List<Cat> tooFew(List<Dog> dogs) {
            return List.of(new Cat("one"));
        }

        public void twoParameters(List<Dog> dogs, @KafkaKey String key) {
        }

        public void notAList(Dog dog) {
        }

        public Cat oneCat(List<Dog> dogs) {
            return null;
        }

        public CompletableFuture<List<Cat>> later(List<Dog> dogs) {
            return null;
        }

        public void looksLikeABatch(List<ConsumerRecord<String, Dog>> records) {
        }

        KafkaPublisher publisher;

        public void announce(List<Dog> dogs) {
            dogs.forEach(dog -> publisher.send("announcements", null, dog.id() + " arrived"));
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * What a batch call sends through the publisher belongs to the whole call: it goes out with the
     * call's outputs, and no record of the call is done before the broker acknowledged all of it.
     */
    @Test
    void theCallsSendsThroughThePublisherHoldEveryRecordOfTheCallUntilAcknowledged() {
        MockProducer<byte[], byte[]> output = publishingHandlers();
        List<Recorded> attempts = attempts(3);

        assertThat(adapter("announce", null, output).handle(records("a", "b", "c"), elements("cats", "a", "b", "c"),
                list(attempts))).isEqualTo(3);
        assertThat(output.history()).extracting(sent -> text(sent.value()))
                .containsExactly("a arrived", "b arrived", "c arrived");
        output.completeNext();
        output.completeNext();
        assertThat(attempts).as("one send is not acknowledged yet").allSatisfy(attempt -> assertThat(attempt.ended).isNull());
        output.completeNext();
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.ended).isEqualTo("done"));
    }

    @Test
    void aRefusedSendOfTheCallFailsEveryRecordOfIt() {
        MockProducer<byte[], byte[]> output = publishingHandlers();
        List<Recorded> attempts = attempts(2);

        adapter("announce", null, output).handle(records("a", "b"), elements("cats", "a", "b"), list(attempts));
        output.errorNext(new RecordTooLargeException("too large"));
        output.completeNext();

        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.failure).isInstanceOf(OutputPublishException.class));
    }

    /** The records before the failed one are done, and nobody would send their sends again: they go out. */
    @Test
    void aCallThatFailsAtALaterRecordStillSendsWhatItSentForTheRecordsBeforeIt() {
        MockProducer<byte[], byte[]> output = publishingHandlers();
        handlers.failure = new BatchFailedException(2, new IllegalStateException("kennel full"));
        List<Recorded> attempts = attempts(3);

        adapter("announce", null, output).handle(records("a", "b", "c"), elements("cats", "a", "b", "c"), list(attempts));
        assertThat(attempts.get(2).failure).hasRootCauseMessage("kennel full");
        assertThat(attempts.get(1).ended).as("waits for the sends").isNull();
        while (output.completeNext()) {
            // acknowledge every send
        }
        assertThat(attempts.subList(0, 2)).allSatisfy(attempt -> assertThat(attempt.ended).isEqualTo("done"));
    }

    @Test
    void aCallThatFailsAtItsFirstRecordDropsItsSends() {
        MockProducer<byte[], byte[]> output = publishingHandlers();
        handlers.failure = new IllegalStateException("kennel closed");
        List<Recorded> attempts = attempts(2);

        adapter("announce", null, output).handle(records("a", "b"), elements("cats", "a", "b"), list(attempts));

        assertThat(output.history()).as("its retry sends again").isEmpty();
        assertThat(publishersOwn.history()).as("nor sent past the call by the publisher itself").isEmpty();
        assertThat(attempts.get(0).failure).hasRootCauseMessage("kennel closed");
    }

    /** The publisher's own producer, which sends made during a batch call must not go through. */
    private final MockProducer<byte[], byte[]> publishersOwn = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());

    /** The handlers' publisher, and the output producer the sends joined to their calls go through. */
    private MockProducer<byte[], byte[]> publishingHandlers() {
        handlers.publisher = KafkaPublisher.builder()
                .clients(KafkaClientFactory.builder().bootstrapServers("mock:9092").producers(config -> publishersOwn).build()).build();
        return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private BatchHandlerMethodAdapter adapter(String method, String outputTopic, MockProducer<byte[], byte[]> output) {
        return BatchHandlerMethodAdapter.create(endpoint(method, outputTopic, true), converters, () -> output, () -> output,
                HandlerExtensions.NONE, HandlerObserver.NONE, TombstonePolicy.SKIP, false);
    }

    @Test
    void eachRecordsElementOfTheReturnedListIsPublishedWithItsKeyAndEachRecordIsDoneOnItsOwn() {
        List<Recorded> attempts = attempts(3);
        int got = adapter("cats", "cats").handle(records("a", "quiet", "c"), elements("cats", "a", "quiet", "c"), list(attempts));

        assertThat(got).isEqualTo(3);
        assertThat(producer.history()).extracting(r -> text(r.key()) + "=" + text(r.value()))
                .containsExactly("key-a={\"id\":\"a\"}", "key-c={\"id\":\"c\"}");
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.ended).isEqualTo("done"));
    }

    /** The exception stands for the return value: the outputs it carries are those of the records before the failed one. */
    @Test
    void theRecordABatchFailedExceptionNamesFailsThoseBeforeItAreDoneWithTheOutputsItCarriesAndTheCallGotNoFurther() {
        handlers.refused = "c";
        List<Recorded> attempts = attempts(4);

        int got = adapter("cats", "cats").handle(records("a", "quiet", "c", "d"), elements("cats", "a", "quiet", "c", "d"),
                list(attempts));

        assertThat(got).as("the call got to the failed record").isEqualTo(3);
        assertThat(attempts.subList(0, 2)).allSatisfy(attempt -> assertThat(attempt.ended).isEqualTo("done"));
        assertThat(attempts.get(2).failure).isInstanceOf(HandlerExecutionException.class).hasRootCauseMessage("kennel full");
        assertThat(attempts.get(3).ended).as("not handled: given again").isNull();
        assertThat(producer.history()).extracting(r -> text(r.key()) + "=" + text(r.value()))
                .as("a's cat; quiet publishes nothing").containsExactly("key-a={\"id\":\"a\"}");
    }

    /** Without the outputs of the records before it, they would be done with their outputs lost: nothing of the call is done. */
    @Test
    void aBatchFailedExceptionWithoutTheOutputsOfTheRecordsBeforeItFailsTheFirstRecordSayingSo() {
        handlers.refused = "b";
        handlers.passesCats = false;
        List<Recorded> attempts = attempts(3);

        int got = adapter("cats", "cats").handle(records("a", "b", "c"), elements("cats", "a", "b", "c"), list(attempts));

        assertThat(got).isEqualTo(1);
        assertThat(attempts.get(0).failure).hasMessageContaining("threw BatchFailedException at record 1 with no outputs for "
                + "the 1 records before it: pass them, new BatchFailedException(1, cause, outputs)");
        assertThat(attempts.subList(1, 3)).as("given again").allSatisfy(attempt -> assertThat(attempt.ended).isNull());
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aBatchFailedExceptionMayNameTheRecordItself() {
        List<Recorded> attempts = attempts(3);
        BatchHandlerMethodAdapter adapter = adapter("records", null);
        List<ConsumerRecord<byte[], byte[]>> records = records("a", "b", "c");
        List<Object> elements = elements("records", "a", "b", "c");
        handlers.failure = new BatchFailedException((ConsumerRecord<?, ?>) elements.get(2), new IllegalStateException("bad c"));

        assertThat(adapter.handle(records, elements, list(attempts))).isEqualTo(3);
        assertThat(attempts.get(1).ended).isEqualTo("done");
        assertThat(attempts.get(2).failure).hasRootCauseMessage("bad c");
    }

    @Test
    void anyOtherExceptionFailsTheFirstRecord() {
        handlers.failure = new IllegalStateException("database down");
        List<Recorded> attempts = attempts(2);

        assertThat(adapter("cats", "cats").handle(records("a", "b"), elements("cats", "a", "b"), list(attempts))).isEqualTo(1);
        assertThat(attempts.get(0).failure).hasRootCauseMessage("database down");
        assertThat(attempts.get(1).ended).isNull();
    }

    @Test
    void aListOfAnotherSizeThanTheRecordsFailsTheFirstRecordSayingSo() {
        List<Recorded> attempts = attempts(2);

        assertThat(adapter("tooFew", "cats").handle(records("a", "b"), elements("tooFew", "a", "b"), list(attempts))).isEqualTo(1);
        assertThat(attempts.get(0).failure).hasRootCauseMessage(
                "Batch handler 'handlers.tooFew' returned 1 elements for 2 records: return one per record, null where a record publishes nothing");
    }

    @Test
    void aPayloadThatCannotBeReadIsAPoisonPillBeforeAnyCall() {
        assertThatThrownBy(() -> adapter("cats", "cats").element(record("{not json", 0)))
                .isInstanceOf(PayloadConversionException.class);
    }

    /** A record without a value, in a list of payloads: skipped by default (done, no element), a poison pill when told so. */
    @Test
    void aTombstoneInAListOfPayloadsIsSkippedOrAPoisonPillByTheHandlersPolicy() {
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>("dogs", 0, 3, bytes("key-gone"), null);

        assertThat(adapter("cats", "cats").element(tombstone)).isSameAs(io.kclient.listener.BatchRecordHandler.SKIP);
        assertThatThrownBy(() -> BatchHandlerMethodAdapter.create(endpoint("cats", "cats", true), converters, () -> producer,
                () -> producer, HandlerExtensions.NONE, HandlerObserver.NONE, TombstonePolicy.DEAD_LETTER, false).element(tombstone))
                .isInstanceOf(PayloadConversionException.class).hasMessageContaining("tombstone");
        assertThat(adapter("records", null).element(tombstone)).as("a ConsumerRecord takes it, its value null")
                .isInstanceOf(ConsumerRecord.class);
    }

    @Test
    void signaturesABatchCannotHaveFailTheStart() {
        assertMistake("twoParameters", null, "does not take one List");
        assertMistake("notAList", null, "does not take one List");
        assertMistake("oneCat", "cats", "is a batch handler returning Cat: return void, or a List with one element per record");
        assertMistake("later", "cats", "is a batch handler returning CompletableFuture");
        assertMistake("cats", null, "returns List but has no @OutputProducer topic");
    }

    /** Today such a handler passes start-up and then dead-letters every record: now it fails the start, naming the fix. */
    @Test
    void aListOfConsumerRecordsWithoutBatchFailsTheStartSayingSo() {
        assertThatThrownBy(() -> HandlerMethodAdapter.create(endpoint("looksLikeABatch", null, false), converters, producer))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'handlers' method looksLikeABatch(List)")
                .hasMessageContaining("set @InputConsumer(batch = true)");
    }

    private void assertMistake(String method, String output, String fragment) {
        assertThatThrownBy(() -> adapter(method, output)).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'handlers' method " + method).hasMessageContaining(fragment);
    }

    private BatchHandlerMethodAdapter adapter(String method, String outputTopic) {
        return BatchHandlerMethodAdapter.create(endpoint(method, outputTopic, true), converters, () -> producer, () -> producer,
                HandlerExtensions.NONE, HandlerObserver.NONE, TombstonePolicy.SKIP, false);
    }

    private HandlerEndpoint endpoint(String method, String outputTopic, boolean batch) {
        return HandlerEndpoint.builder(handlers, method(method)).beanName("handlers").topics("dogs").outputTopic(outputTopic)
                .batch(batch).build();
    }

    private List<Object> elements(String method, String... ids) {
        BatchHandlerMethodAdapter adapter = adapter(method, method.equals("records") ? null : "cats");
        List<Object> elements = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> records = records(ids);
        records.forEach(record -> elements.add(adapter.element(record)));
        return elements;
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(String... ids) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            records.add(record("{\"id\":\"" + ids[i] + "\"}", i));
        }
        return records;
    }

    private static ConsumerRecord<byte[], byte[]> record(String value, long offset) {
        String id = value.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        return new ConsumerRecord<>("dogs", 0, offset, bytes("key-" + id), bytes(value));
    }

    private static List<Recorded> attempts(int count) {
        List<Recorded> attempts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            attempts.add(new Recorded());
        }
        return attempts;
    }

    private static List<Attempt> list(List<Recorded> attempts) {
        return new ArrayList<>(attempts);
    }

    private static Method method(String name) {
        return Arrays.stream(Handlers.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** How an attempt ended: done, or failed with what. */
    static final class Recorded implements Attempt {

        String ended;
        Throwable failure;

        @Override
        public void handedOff() {
        }

        @Override
        public void done() {
            ended = "done";
        }

        @Override
        public void failed(Throwable failure) {
            ended = "failed";
            this.failure = failure;
        }
    }
}
