package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.convert.PayloadConversionException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class RetryTopicForwarderTests {

    private static final long NOW = 1_000_000L;

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<ConsumerRecord<byte[], byte[]>> givenUp = new ArrayList<>();
    private final RetryTopicForwarder forwarder = new RetryTopicForwarder(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10)),
            () -> producer, failure -> !(failure instanceof PayloadConversionException), (record, failure) -> {
                givenUp.add(record);
                return CompletableFuture.completedFuture(null);
            }, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void sendsAFailedRecordToTheFirstRetryTopicDueAfterTheFirstDelay() {
        forwarder.recover(record("orders", 3, 42, new RecordHeaders()), new IllegalStateException("down")).toCompletableFuture().join();

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("orders.retry-1");
        assertThat(text(sent.key())).isEqualTo("key");
        RetryHeaders journey = RetryHeaders.of(asConsumed(sent)).orElseThrow();
        assertThat(journey).isEqualTo(new RetryHeaders("orders", 3, 42, 7L, 1, NOW + 1000));
        assertThat(givenUp).isEmpty();
    }

    @Test
    void sendsOnFromOneRetryTopicToTheNextKeepingTheOriginalCoordinates() {
        RecordHeaders headers = new RecordHeaders();
        new RetryHeaders("orders", 3, 42, 7L, 1, NOW).writeTo(headers);
        forwarder.recover(record("orders.retry-1", 0, 5, headers), new IllegalStateException("down")).toCompletableFuture().join();

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("orders.retry-2");
        assertThat(RetryHeaders.of(asConsumed(sent)).orElseThrow()).isEqualTo(new RetryHeaders("orders", 3, 42, 7L, 2, NOW + 10_000));
    }

    @Test
    void givesUpAfterTheLastRetryTopicWithTheRecordAsItWasOnItsOriginalTopic() {
        RecordHeaders headers = new RecordHeaders();
        new RetryHeaders("orders", 3, 42, 7L, 2, NOW).writeTo(headers);
        forwarder.recover(record("orders.retry-2", 0, 5, headers), new IllegalStateException("down")).toCompletableFuture().join();

        assertThat(producer.history()).isEmpty();
        assertThat(givenUp).singleElement().satisfies(original -> {
            assertThat(original.topic()).isEqualTo("orders");
            assertThat(original.partition()).isEqualTo(3);
            assertThat(original.offset()).isEqualTo(42);
            assertThat(original.timestamp()).isEqualTo(7L);
        });
    }

    @Test
    void givesUpAPoisonPillAtOnce() {
        forwarder.recover(record("orders", 0, 1, new RecordHeaders()), new PayloadConversionException("not json", null))
                .toCompletableFuture().join();
        assertThat(producer.history()).isEmpty();
        assertThat(givenUp).hasSize(1);
    }

    @Test
    void headersForgedOnAnotherTopicAreNotTrusted() {
        RecordHeaders forged = new RecordHeaders();
        new RetryHeaders("payments", 0, 0, 0L, 2, Long.MAX_VALUE).writeTo(forged);
        ConsumerRecord<byte[], byte[]> record = record("orders", 0, 9, forged);
        assertThat(RetryHeaders.of(record)).isEmpty();
        assertThat(new DueTimeGate(() -> NOW).holds(record)).as("no partition is paused for it").isFalse();

        forwarder.recover(record, new IllegalStateException("down")).toCompletableFuture().join();
        assertThat(producer.history().get(0).topic()).isEqualTo("orders.retry-1");
    }

    @Test
    void theGateHoldsARetryRecordUntilItIsDue() {
        long[] now = {NOW};
        DueTimeGate gate = new DueTimeGate(() -> now[0]);
        RecordHeaders headers = new RecordHeaders();
        new RetryHeaders("orders", 0, 0, 0L, 1, NOW + 1000).writeTo(headers);
        ConsumerRecord<byte[], byte[]> record = record("orders.retry-1", 2, 0, headers);

        assertThat(gate.holds(record)).isTrue();
        assertThat(gate.held()).extracting(Object::toString).containsExactly("orders.retry-1-2");
        gate.releaseDue();
        assertThat(gate.held()).as("not due yet").hasSize(1);
        now[0] = NOW + 1000;
        gate.releaseDue();
        assertThat(gate.held()).isEmpty();
        assertThat(gate.holds(record)).as("due now").isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, partition, offset, 7L, TimestampType.CREATE_TIME, 3, 5,
                "key".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> asConsumed(ProducerRecord<byte[], byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0, sent.key(), sent.value(),
                sent.headers(), Optional.empty());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
