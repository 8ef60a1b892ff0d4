package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.ContainerState;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.observe.HandlerObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The share-group poll loop on a {@code MockShareConsumer}: each record acknowledged as its fate says. */
class ShareGroupContainerTests {

    private static final String TOPIC = "jobs";

    private final Map<Long, AcknowledgeType> acknowledged = new ConcurrentHashMap<>();
    private final List<Long> deadLettered = new CopyOnWriteArrayList<>();
    private final RecordingShareConsumer consumer = new RecordingShareConsumer();
    private final ShareGroupContainer container = new ShareGroupContainer("jobs", new Subscription(List.of(TOPIC), null),
            HandlerSettings.NONE.with(HandlerSettings.TOPICS, List.of(TOPIC)).with(HandlerSettings.SHARE_GROUP, true).with(HandlerSettings.CONCURRENCY, 4)
                    .with(HandlerSettings.MAX_IN_FLIGHT, 100).withRetry(new RetrySettings(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(100)))
                    .with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(5)).resolve(HandlerSettings.NONE, "workers", "handler 'jobs'"),
            () -> consumer, this::handle, failure -> true, (record, failure) -> {
                deadLettered.add(record.offset());
                return CompletableFuture.completedFuture(null);
            }, new HandlerActivity("jobs", HandlerObserver.NONE));

    @AfterEach
    void stop() {
        container.stop();
    }

    @Test
    void acceptsHandledRecordsReleasesFailuresAndRejectsThemAtTheLastDelivery() {
        startSubscribed();
        consumer.addRecord(record(0, "ok", 1));
        consumer.addRecord(record(1, "fail", 1));
        consumer.addRecord(record(2, "fail", 3));

        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() == 3);
        assertThat(acknowledged).containsEntry(0L, AcknowledgeType.ACCEPT).containsEntry(1L, AcknowledgeType.RELEASE)
                .containsEntry(2L, AcknowledgeType.REJECT);
        assertThat(deadLettered).containsExactly(2L);
        assertThat(container.inFlight()).isZero();
    }

    /** Paused, the loop waits without polling: its thread waits while the consumer has not been polled once. */
    @Test
    void fetchesNothingWhilePausedAndStopsCleanly() {
        container.pause();
        startSubscribed();
        consumer.addRecord(record(0, "ok", 1));
        Thread pollThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("kclient-jobs-poll")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> pollThread.getState() == Thread.State.TIMED_WAITING);
        assertThat(consumer.polls).as("polls while paused").hasValue(0);
        assertThat(acknowledged).as("paused").isEmpty();
        assertThat(container.state()).isEqualTo(ContainerState.PAUSED);

        container.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.containsKey(0L));
        container.stop();
        assertThat(container.state()).isEqualTo(ContainerState.STOPPED);
    }

    private void startSubscribed() {
        container.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.subscription().isEmpty());
    }

    private RecordOutcome handle(ConsumerRecord<byte[], byte[]> record) {
        if (new String(record.value(), StandardCharsets.UTF_8).equals("fail")) {
            throw new IllegalStateException("job failed");
        }
        return RecordOutcome.completed();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value, int deliveryCount) {
        return new ConsumerRecord<>(TOPIC, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, null,
                value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty(), Optional.of((short) deliveryCount));
    }

    /** A mock share consumer that counts its polls and remembers how each record was acknowledged. */
    private final class RecordingShareConsumer extends MockShareConsumer<byte[], byte[]> {

        final AtomicInteger polls = new AtomicInteger();

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            polls.incrementAndGet();
            return super.poll(timeout);
        }

        @Override
        public synchronized void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            acknowledged.put(record.offset(), type);
            super.acknowledge(record, type);
        }
    }
}
