package io.kclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kclient.observe.HandlerObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A broken observer must not leave a record undone: its exceptions stop at the guard. */
class GuardedObserverTests {

    private final HandlerObserver broken = new HandlerObserver() {
        @Override
        public void handled(String handlerId, String topic, Duration latency) {
            throw new IllegalStateException("metrics backend down");
        }

        @Override
        public void published(String handlerId, String topic) {
            throw new IllegalStateException("metrics backend down");
        }
    };

    @Test
    void everyEventReachesTheObserver() {
        List<String> heard = new ArrayList<>();
        GuardedObserver guarded = new GuardedObserver(new HandlerObserver() {
            @Override
            public void received(String handlerId, String topic) {
                heard.add("received");
            }

            @Override
            public void skipped(String handlerId, String topic) {
                heard.add("skipped");
            }

            @Override
            public void handled(String handlerId, String topic, Duration latency) {
                heard.add("handled");
            }

            @Override
            public void retried(String handlerId, String topic) {
                heard.add("retried");
            }

            @Override
            public void failed(String handlerId, String topic, Throwable failure) {
                heard.add("failed");
            }

            @Override
            public void deadLettered(String handlerId, String topic) {
                heard.add("deadLettered");
            }

            @Override
            public void published(String handlerId, String topic) {
                heard.add("published");
            }

            @Override
            public void sampled(String handlerId, int inFlight, long inFlightBytes, Map<TopicPartition, Long> lag) {
                heard.add("sampled");
            }
        });

        guarded.received("h", "dogs");
        guarded.skipped("h", "dogs");
        guarded.handled("h", "dogs", Duration.ofMillis(3));
        guarded.retried("h", "dogs");
        guarded.failed("h", "dogs", new IllegalStateException());
        guarded.deadLettered("h", "dogs");
        guarded.published("h", "cats");
        guarded.sampled("h", 1, 100, Map.of());

        assertThat(heard).containsExactly("received", "skipped", "handled", "retried", "failed", "deadLettered",
                "published", "sampled");
    }

    @Test
    void anObserversExceptionsAreSwallowed() {
        GuardedObserver guarded = new GuardedObserver(broken);
        assertThatCode(() -> {
            guarded.handled("h", "dogs", Duration.ofMillis(3));
            guarded.published("h", "cats");
            guarded.received("h", "dogs");
        }).doesNotThrowAnyException();
    }
}
