package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.ContainerState;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.observe.HandlerObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The share-group poll loop on a share consumer that keeps Kafka 4.2's rules of explicit
 * acknowledgement: a record is acknowledged only while it belongs to the last poll, a poll fails
 * while one is not, and a record acknowledged {@code RENEW} comes back from the next poll.
 */
class ShareGroupContainerTests {

    private static final String TOPIC = "jobs";
    private static final Duration LOCK = Duration.ofMillis(400);
    private static final Duration BACKOFF = Duration.ofMillis(300);

    private final Map<Long, List<AcknowledgeType>> acknowledged = new ConcurrentHashMap<>();
    private final Map<Long, Long> acknowledgedAtNanos = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<Long, Long> failedAtNanos = new ConcurrentHashMap<>();
    private final List<Long> deadLettered = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowMayEnd = new CountDownLatch(1);
    private final ExplicitShareConsumer consumer = new ExplicitShareConsumer();
    private final ShareGroupContainer container = new ShareGroupContainer("jobs", new Subscription(List.of(TOPIC), null),
            settings(4, new RetrySettings(3, BACKOFF, 1.0, BACKOFF)),
            () -> consumer, this::handle, failure -> true, (record, failure) -> {
                deadLettered.add(record.offset());
                return CompletableFuture.completedFuture(null);
            }, ShareGroupProbe.NONE, new HandlerActivity("jobs", HandlerObserver.NONE));

    @AfterEach
    void stop() {
        slowMayEnd.countDown();
        container.stop();
    }

    @Test
    void acceptsHandledRecordsReleasesFailuresAndRejectsThemAtTheLastDelivery() {
        startSubscribed();
        consumer.addRecord(record(0, "ok", 1));
        consumer.addRecord(record(1, "fail", 1));
        consumer.addRecord(record(2, "fail", 3));

        await().atMost(Duration.ofSeconds(10)).until(() -> finalAcknowledgements().size() == 3);
        assertThat(finalAcknowledgements()).containsEntry(0L, AcknowledgeType.ACCEPT).containsEntry(1L, AcknowledgeType.RELEASE)
                .containsEntry(2L, AcknowledgeType.REJECT);
        assertThat(deadLettered).containsExactly(2L);
        assertThat(container.inFlight()).isZero();
    }

    @Test
    void renewsTheLockOfARecordStillRunningAndAcknowledgesItOnceDone() throws InterruptedException {
        startSubscribed();
        consumer.addRecord(record(0, "slow", 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.getOrDefault(0L, List.of()).size() >= 3);
        assertThat(acknowledged.get(0L)).as("renewed every half lock while it runs").containsOnly(AcknowledgeType.RENEW);
        assertThat(container.inFlight()).isEqualTo(1);
        slowMayEnd.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> finalAcknowledgements().get(0L) == AcknowledgeType.ACCEPT);
        assertThat(calls.get(0L)).as("handled once, though handed back by every renewal").hasValue(1);
        assertThat(container.inFlight()).isZero();
    }

    @Test
    void holdsAFailedRecordForItsBackoffBeforeReleasingIt() {
        startSubscribed();
        consumer.addRecord(record(1, "fail", 1));
        consumer.addRecord(record(0, "ok", 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> finalAcknowledgements().get(1L) == AcknowledgeType.RELEASE);
        assertThat(Duration.ofNanos(acknowledgedAtNanos.get(1L) - failedAtNanos.get(1L))).isGreaterThanOrEqualTo(BACKOFF);
        assertThat(finalAcknowledgements()).containsEntry(0L, AcknowledgeType.ACCEPT);
    }

    @Test
    void aStopReleasesARecordHeldForItsBackoffAtOnce() {
        RetrySettings patient = new RetrySettings(3, Duration.ofMinutes(5), 1.0, Duration.ofMinutes(5));
        ShareGroupContainer held = new ShareGroupContainer("jobs", new Subscription(List.of(TOPIC), null),
                settings(1, patient),
                () -> consumer, this::handle, failure -> true, (record, failure) -> CompletableFuture.completedFuture(null),
                ShareGroupProbe.NONE, new HandlerActivity("jobs", HandlerObserver.NONE));
        held.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.subscription().isEmpty());
        consumer.addRecord(record(0, "fail", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAtNanos.containsKey(0L));

        long stopping = System.nanoTime();
        held.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        assertThat(finalAcknowledgements()).containsEntry(0L, AcknowledgeType.RELEASE);
    }

    @Test
    void showsTheGroupsLagAndLosesItsConnectionHealthLikeAConsumerGroupHandler() {
        HandlerActivity activity = new HandlerActivity("jobs", HandlerObserver.NONE);
        ShareGroupContainer probed = new ShareGroupContainer("jobs", new Subscription(List.of(TOPIC), null),
                settings(1, new RetrySettings(1, BACKOFF, 1.0, BACKOFF)),
                () -> consumer, this::handle, failure -> true, (record, failure) -> CompletableFuture.completedFuture(null),
                () -> CompletableFuture.completedFuture(new ShareGroupProbe.Backlog(Map.of(new TopicPartition(TOPIC, 0), 7L), 2)),
                activity);
        try {
            probed.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> activity.lag().equals(Map.of(new TopicPartition(TOPIC, 0), 7L)));
            assertThat(activity.connected()).isTrue();

            consumer.connections = 0;
            await().atMost(Duration.ofSeconds(10)).until(() -> !activity.connected());
            consumer.connections = 1;
            await().atMost(Duration.ofSeconds(10)).until(activity::connected);
        } finally {
            probed.stop();
        }
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
        await().atMost(Duration.ofSeconds(10)).until(() -> finalAcknowledgements().containsKey(0L));
        container.stop();
        assertThat(container.state()).isEqualTo(ContainerState.STOPPED);
    }

    /** A share-group handler's settings in group "workers". */
    private static HandlerSettings settings(int concurrency, RetrySettings retry) {
        return HandlerSettings.NONE.with(HandlerSettings.TOPICS, List.of(TOPIC)).with(HandlerSettings.SHARE_GROUP, true)
                .with(HandlerSettings.CONCURRENCY, concurrency).with(HandlerSettings.MAX_IN_FLIGHT, 100).withRetry(retry)
                .with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(5)).resolve(HandlerSettings.NONE, "workers", "handler 'jobs'");
    }

    private void startSubscribed() {
        container.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.subscription().isEmpty());
    }

    private Map<Long, AcknowledgeType> finalAcknowledgements() {
        Map<Long, AcknowledgeType> last = new HashMap<>();
        acknowledged.forEach((offset, types) -> {
            AcknowledgeType type = types.get(types.size() - 1);
            if (type != AcknowledgeType.RENEW) {
                last.put(offset, type);
            }
        });
        return last;
    }

    private RecordOutcome handle(ConsumerRecord<byte[], byte[]> record) {
        calls.computeIfAbsent(record.offset(), offset -> new AtomicInteger()).incrementAndGet();
        switch (new String(record.value(), StandardCharsets.UTF_8)) {
            case "fail" -> {
                failedAtNanos.put(record.offset(), System.nanoTime());
                throw new IllegalStateException("job failed");
            }
            case "slow" -> {
                try {
                    slowMayEnd.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {
            }
        }
        return RecordOutcome.completed();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value, int deliveryCount) {
        return new ConsumerRecord<>(TOPIC, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, null,
                value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty(), Optional.of((short) deliveryCount));
    }

    /** Explicit acknowledgement as Kafka 4.2's share consumer enforces it, renewals included. */
    private final class ExplicitShareConsumer extends MockShareConsumer<byte[], byte[]> {

        private final Map<Long, ConsumerRecord<byte[], byte[]>> current = new LinkedHashMap<>();
        private final List<ConsumerRecord<byte[], byte[]>> renewed = new ArrayList<>();
        final AtomicInteger polls = new AtomicInteger();
        /** What the consumer's {@code connection-count} metric says, as a real one reports its broker connections. */
        volatile int connections = 1;

        @Override
        public synchronized Map<MetricName, ? extends Metric> metrics() {
            MetricName name = new MetricName("connection-count", "consumer-metrics", "", Map.of());
            return Map.of(name, new Metric() {
                @Override
                public MetricName metricName() {
                    return name;
                }

                @Override
                public Object metricValue() {
                    return (double) connections;
                }
            });
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (!current.isEmpty()) {
                throw new IllegalStateException("All records must be acknowledged in explicit acknowledgement mode.");
            }
            polls.incrementAndGet();
            ConsumerRecords<byte[], byte[]> records;
            if (!renewed.isEmpty()) {
                records = new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), List.copyOf(renewed)), Map.of());
                renewed.clear();
            } else {
                records = super.poll(timeout);
            }
            records.forEach(record -> current.put(record.offset(), record));
            return records;
        }

        @Override
        public synchronized void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            if (current.remove(record.offset()) == null) {
                throw new IllegalStateException("The record cannot be acknowledged.");
            }
            acknowledged.computeIfAbsent(record.offset(), offset -> new CopyOnWriteArrayList<>()).add(type);
            acknowledgedAtNanos.put(record.offset(), System.nanoTime());
            if (type == AcknowledgeType.RENEW) {
                renewed.add(record);
            }
        }

        @Override
        public Optional<Integer> acquisitionLockTimeoutMs() {
            return Optional.of((int) LOCK.toMillis());
        }
    }
}
