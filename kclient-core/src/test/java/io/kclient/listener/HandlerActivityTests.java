package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.observe.HandlerObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Stall bookkeeping on a clock the test moves, as the poll thread reports progress once per loop,
 * and lag read from a {@link MockConsumer}: no broker.
 */
class HandlerActivityTests {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final HandlerActivity activity = new HandlerActivity("h", HandlerObserver.NONE, new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void anIdleHandlerMakesNoProgressToWaitFor() {
        activity.started();
        assertThat(activity.noProgressSince()).isNull();
        assertThat(activity.lastCompletion()).isNull();
    }

    @Test
    void waitingStartsWhenTheHandlerGetsBusyNotAtItsLastCompletionLongAgo() {
        activity.started();
        activity.progress(1, 0);
        activity.progress(0, 1);
        Instant completed = now;
        now = now.plus(Duration.ofHours(1));
        activity.progress(1, 0);

        assertThat(activity.lastCompletion()).isEqualTo(completed);
        assertThat(activity.noProgressSince()).as("idle for an hour is not a stall").isEqualTo(now);
    }

    @Test
    void eachCompletionWhileBusyMovesTheWaitingStart() {
        activity.started();
        activity.progress(2, 0);
        Instant busy = now;
        now = now.plusSeconds(10);
        activity.progress(2, 0);
        assertThat(activity.noProgressSince()).as("nothing finished: waiting since busy").isEqualTo(busy);

        activity.progress(1, 1);
        assertThat(activity.noProgressSince()).isEqualTo(now);
        activity.progress(0, 1);
        assertThat(activity.noProgressSince()).isNull();
    }

    /** A restart starts from nothing: whatever the previous run left unfinished is not the new run's stall. */
    @Test
    void aRestartForgetsWhatThePreviousRunLeftUnfinished() {
        activity.started();
        activity.progress(5, 0);
        now = now.plusSeconds(60);
        activity.stopped();
        activity.started();
        assertThat(activity.noProgressSince()).isNull();
        activity.progress(1, 0);
        assertThat(activity.noProgressSince()).isEqualTo(now);
    }

    @Test
    void lagComesFromTheConsumerForTheAssignedPartitionsOnly() {
        TopicPartition p0 = new TopicPartition("dogs", 0);
        TopicPartition p1 = new TopicPartition("dogs", 1);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(p0, p1));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.updateEndOffsets(Map.of(p0, 7L, p1, 2L));
        consumer.seek(p0, 3);
        consumer.seek(p1, 2);

        activity.started();
        activity.sample(consumer, Set.of(p0, p1), 3, 0);
        assertThat(activity.lag()).containsExactlyInAnyOrderEntriesOf(Map.of(p0, 4L, p1, 0L));
        assertThat(activity.connected()).as("a consumer reporting no connection count is taken as connected").isTrue();
    }

    @Test
    void theObserverHearsEachSampleAndAnEmptyOneAtStop() {
        TopicPartition p0 = new TopicPartition("dogs", 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(p0));
        consumer.updateEndOffsets(Map.of(p0, 5L));
        consumer.seek(p0, 1);
        List<String> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        HandlerActivity observed = new HandlerActivity("h", new HandlerObserver() {
            @Override
            public void sampled(String handlerId, int inFlight, long inFlightBytes, Map<TopicPartition, Long> lag) {
                samples.add(handlerId + " " + inFlight + " " + inFlightBytes + " " + lag);
            }
        });

        observed.started();
        observed.sample(consumer, Set.of(p0), 3, 300);
        observed.sample(consumer, Set.of(p0), 4, 400); // within the interval: not sampled again
        observed.stopped();

        assertThat(samples).containsExactly("h 3 300 {dogs-0=4}", "h 0 0 {}");
    }

    /** An observer written before the byte bound implements the sample without bytes, and still hears it. */
    @Test
    void anObserverOfSamplesWithoutBytesStillHearsThem() {
        List<String> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        HandlerActivity observed = new HandlerActivity("h", new HandlerObserver() {
            @Override
            public void sampled(String handlerId, int inFlight, Map<TopicPartition, Long> lag) {
                samples.add(handlerId + " " + inFlight + " " + lag);
            }
        });

        observed.started();
        observed.sample(new MockConsumer<>("earliest"), Set.of(), 3, 300);

        assertThat(samples).containsExactly("h 3 {}");
    }
}
