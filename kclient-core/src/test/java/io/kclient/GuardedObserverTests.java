package io.kclient;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.kclient.observe.HandlerObserver;
import java.time.Duration;
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
    void anObserversExceptionsAreSwallowed() {
        GuardedObserver guarded = new GuardedObserver(broken);
        assertThatCode(() -> {
            guarded.handled("h", "dogs", Duration.ofMillis(3));
            guarded.published("h", "cats");
            guarded.received("h", "dogs");
        }).doesNotThrowAnyException();
    }
}
