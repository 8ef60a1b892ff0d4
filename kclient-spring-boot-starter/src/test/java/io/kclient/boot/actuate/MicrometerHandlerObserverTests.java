package io.kclient.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.observe.TopicObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerHandlerObserverTests {

    @Test
    void recordsNotHandledAgainAreCountedPerHandlerAndTopic() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerHandlerObserver observer = new MicrometerHandlerObserver(registry);

        observer.skipped("dogs", "dogs");
        observer.skipped("dogs", "dogs");

        assertThat(registry.get(MicrometerHandlerObserver.SKIPPED).tags("handler", "dogs", "topic", "dogs").counter().count())
                .isEqualTo(2);
    }

    /** The engine asks for a handler's meters of a topic once and counts through them per poll batch. */
    @Test
    void aTopicsMetersCountBatchesAndTimeEachRecord() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TopicObserver dogs = new MicrometerHandlerObserver(registry).topic("dogs", "dogs");

        dogs.received(500);
        dogs.handled(2_000_000);
        dogs.published(3);

        assertThat(registry.get(MicrometerHandlerObserver.RECEIVED).tags("handler", "dogs", "topic", "dogs").counter().count())
                .isEqualTo(500);
        assertThat(registry.get(MicrometerHandlerObserver.HANDLED).tags("handler", "dogs", "topic", "dogs").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerHandlerObserver.LATENCY).tags("handler", "dogs", "topic", "dogs").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2);
        assertThat(registry.get(MicrometerHandlerObserver.PUBLISHED).tags("handler", "dogs", "topic", "dogs").counter().count())
                .isEqualTo(3);
    }

    @Test
    void tombstonesSkippedAreCountedApartFromRecordsNotHandledAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerHandlerObserver observer = new MicrometerHandlerObserver(registry);

        observer.tombstoneSkipped("dogs", "dogs");

        assertThat(registry.get(MicrometerHandlerObserver.TOMBSTONES_SKIPPED).tags("handler", "dogs", "topic", "dogs").counter()
                .count()).isEqualTo(1);
        assertThat(registry.find(MicrometerHandlerObserver.SKIPPED).counter()).isNull();
    }
}
