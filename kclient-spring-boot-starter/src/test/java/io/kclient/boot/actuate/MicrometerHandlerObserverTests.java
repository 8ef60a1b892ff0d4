package io.kclient.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
