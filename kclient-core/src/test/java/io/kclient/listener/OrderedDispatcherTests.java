package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.Ordering;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedDispatcherTests {

    private static final TopicPartition DOGS = new TopicPartition("dogs", 0);

    private final ExecutorService oneWorker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        oneWorker.shutdownNow();
    }

    /**
     * A lane whose records finish at once runs them back to back on its worker, but hands the
     * worker back after {@link OrderedDispatcher#TURNS_PER_HAND_OFF} records: a key (or partition)
     * with a backlog does not keep the others waiting behind all of it.
     */
    @Test
    void aLaneWithABacklogLetsOtherLanesRunBetweenItsTurns() throws InterruptedException {
        OrderedDispatcher dispatcher = new OrderedDispatcher(Ordering.KEY, oneWorker);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.dispatch(DOGS, record("busy", 0), () -> {
            firstRunning.countDown();
            awaitQuietly(release);
            ran.add("busy-0");
            return CompletableFuture.completedFuture(null);
        });
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        int backlog = 3 * OrderedDispatcher.TURNS_PER_HAND_OFF;
        for (int i = 1; i <= backlog; i++) {
            String name = "busy-" + i;
            dispatcher.dispatch(DOGS, record("busy", i), () -> completed(ran, name));
        }
        dispatcher.dispatch(DOGS, record("other", backlog + 1), () -> completed(ran, "other"));

        release.countDown();
        awaitSize(ran, backlog + 2);

        assertThat(ran.indexOf("other")).as("the other key ran after one turn of the busy one")
                .isEqualTo(OrderedDispatcher.TURNS_PER_HAND_OFF);
        assertThat(ran.stream().filter(name -> name.startsWith("busy-")).toList())
                .as("the busy key kept its order")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, backlog).mapToObj(i -> "busy-" + i).toList());
    }

    /** A record whose stage is still open (an asynchronous handler, a retry backoff) holds its lane, not the worker. */
    @Test
    void theNextRecordOfALaneWaitsForAnOpenStageWhileOtherLanesRun() {
        OrderedDispatcher dispatcher = new OrderedDispatcher(Ordering.KEY, oneWorker);
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> pending = new CompletableFuture<>();
        dispatcher.dispatch(DOGS, record("a", 0), () -> {
            ran.add("a-0");
            return pending;
        });
        dispatcher.dispatch(DOGS, record("a", 1), () -> completed(ran, "a-1"));
        dispatcher.dispatch(DOGS, record("b", 2), () -> completed(ran, "b-2"));

        awaitSize(ran, 2);
        assertThat(ran).containsExactly("a-0", "b-2");
        assertThat(dispatcher.activeLanes()).isEqualTo(1);

        pending.complete(null);
        awaitSize(ran, 3);
        assertThat(ran).containsExactly("a-0", "b-2", "a-1");
        awaitLanesClosed(dispatcher);
    }

    private static CompletableFuture<Void> completed(List<String> ran, String name) {
        ran.add(name);
        return CompletableFuture.completedFuture(null);
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, long offset) {
        return new ConsumerRecord<>(DOGS.topic(), DOGS.partition(), offset, key.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitSize(List<String> ran, int size) {
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() >= size);
        assertThat(ran).hasSize(size);
    }

    private static void awaitLanesClosed(OrderedDispatcher dispatcher) {
        await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.activeLanes() == 0);
    }
}
