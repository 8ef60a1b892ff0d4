package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.ActivitySample;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentActivityTests {

    private final RecentActivity recent = new RecentActivity();

    @Test
    void countsWhatEachIntervalCompletedAndGaveUp() {
        recent.sample(0, 100, 1);
        recent.sample(2_000, 150, 1);
        recent.sample(5_000, 180, 3);
        recent.sample(10_000, 180, 3);

        assertThat(recent.samples()).containsExactly(new ActivitySample(Instant.ofEpochMilli(5_000), 80, 2),
                new ActivitySample(Instant.ofEpochMilli(10_000), 0, 0));
    }

    @Test
    void keepsTheLastFiveMinutes() {
        for (int i = 0; i <= 100; i++) {
            recent.sample(i * 5_000L, i, 0);
        }
        assertThat(recent.samples()).hasSize(RecentActivity.KEPT).first()
                .satisfies(oldest -> assertThat(oldest.at()).isEqualTo(Instant.ofEpochMilli(41 * 5_000L)));
    }

    @Test
    void aRestartStartsAFreshInterval() {
        recent.sample(0, 0, 0);
        recent.restart();
        recent.sample(60_000, 500, 0);
        recent.sample(65_000, 510, 0);
        assertThat(recent.samples()).singleElement().satisfies(sample -> assertThat(sample.completed()).isEqualTo(10));
    }
}
