package io.kclient.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kclient.observe.HandlerObserver;
import io.kclient.observe.TopicObserver;
import java.time.Duration;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /**
     * Calls every event of {@link HandlerObserver} on the guard, so that an event added later and
     * not forwarded fails here. The three-argument {@code sampled} is left out: the engine calls
     * the four-argument one, whose default passes on to it.
     */
    @Test
    void everyEventReachesTheObserver() throws Exception {
        List<String> heard = new ArrayList<>();
        HandlerObserver recording = (HandlerObserver) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HandlerObserver.class}, (proxy, method, args) -> {
                    heard.add(method.getName());
                    return null;
                });
        GuardedObserver guarded = new GuardedObserver(recording);
        List<String> events = new ArrayList<>();

        for (Method event : HandlerObserver.class.getMethods()) {
            if (Modifier.isStatic(event.getModifiers()) || event.getParameterCount() == 3 && event.getName().equals("sampled")) {
                continue;
            }
            Object[] args = Arrays.stream(event.getParameterTypes()).map(GuardedObserverTests::anyValueOf).toArray();
            event.invoke(guarded, args);
            events.add(event.getName());
        }

        assertThat(events).contains("received", "skipped", "handled", "published", "sampled", "instancesNeeded");
        assertThat(heard).containsExactlyElementsOf(events);
    }

    private static Object anyValueOf(Class<?> type) {
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == double.class) {
            return 1.5;
        }
        if (type == Duration.class) {
            return Duration.ofMillis(3);
        }
        if (type == Throwable.class) {
            return new IllegalStateException();
        }
        return type == Map.class ? Map.of() : "dogs";
    }

    /** A topic's observer reaches the observer's per-record events by default, and is guarded the same way. */
    @Test
    void aTopicsEventsReachThePerRecordEventsByDefaultAndAreGuarded() {
        List<String> heard = new ArrayList<>();
        HandlerObserver perRecord = new HandlerObserver() {
            @Override
            public void received(String handlerId, String topic) {
                heard.add("received " + handlerId + " " + topic);
            }

            @Override
            public void handled(String handlerId, String topic, Duration latency) {
                heard.add("handled " + latency.toMillis());
            }

            @Override
            public void published(String handlerId, String topic) {
                throw new IllegalStateException("metrics backend down");
            }
        };
        TopicObserver dogs = new GuardedObserver(perRecord).topic("h", "dogs");

        dogs.received(2);
        dogs.handled(3_000_000);
        assertThatCode(() -> dogs.published(1)).doesNotThrowAnyException();

        assertThat(heard).containsExactly("received h dogs", "received h dogs", "handled 3");
        assertThat(HandlerObserver.NONE.topic("h", "dogs")).as("nothing to observe: nothing to time").isSameAs(TopicObserver.NONE);
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
