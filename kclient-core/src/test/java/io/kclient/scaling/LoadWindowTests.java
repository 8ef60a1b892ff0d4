package io.kclient.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The signal fed a sample a second, as a handler goes through a backlog, a steady state and idleness. */
class LoadWindowTests {

    private static final long SECOND = 1_000_000_000L;

    private final LoadWindow window = new LoadWindow(new ScalingSettings(0.8, Duration.ofSeconds(30), Duration.ofSeconds(10)));
    private long now = 0;
    private long completed = 0;

    @Test
    void followsABacklogThenASteadyStateThenIdleness() {
        // a backlog: 4 busy workers, 400 records/s, a backlog of 60,000 shrinking by 100/s
        double need = 0;
        long backlog = 60_000;
        for (int s = 0; s < 20; s++) {
            need = second(400, 4, backlog -= 100);
        }
        assertThat(need).as("keep up with 300/s arriving and drain ~58,000 in 30 s, at 80 of 100/s per worker")
                .isCloseTo((300 + (backlog / 30.0) - 0) / (400 * 0.8), within(0.5)).isGreaterThan(5);

        // steady: 100 records/s, one worker busy, nothing behind
        for (int s = 0; s < 20; s++) {
            need = second(100, 1, 0);
        }
        assertThat(need).isCloseTo(0.25 / 0.8, within(0.01));

        // idle
        for (int s = 0; s < 20; s++) {
            need = second(0, 0, 0);
        }
        assertThat(need).isZero();
    }

    @Test
    void theFirstSampleSaysNothing() {
        assertThat(window.add(0, 0, 4, 4, 1_000, 1, 10)).isZero();
    }

    /** One second in which {@code done} records completed, {@code busy} of 4 workers were busy, and {@code backlog} remain. */
    private double second(int done, int busy, long backlog) {
        now += SECOND;
        completed += done;
        return window.add(now, completed, busy, 4, backlog, 1, 100);
    }
}
