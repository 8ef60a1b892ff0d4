package io.kclient.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The autoscaling signal as a pure function of one instance's load over a 60 s window, with a
 * target utilization of 0.8 and a drain time of 60 s.
 */
class InstancesNeededTests {

    private static final ScalingSettings SETTINGS = new ScalingSettings(0.8, Duration.ofSeconds(60), Duration.ofSeconds(60));
    private static final double UNKNOWN = Double.NaN;

    @Test
    void anIdleHandlerNeedsNothing() {
        assertThat(need(new Load(60, 0, 0, 4, 0, 0, 1, 3, UNKNOWN))).isZero();
        assertThat(need(new Load(60, 0, 0, 4, 0, 0, 1, 3, 50))).as("a rate measured before changes nothing").isZero();
    }

    @Test
    void aSteadyStateNeedsItsUtilizationOverTheTarget() {
        // 100 records/s on 4 workers, 2 of them busy on average: 50 records per busy worker-second
        Load steady = new Load(60, 6000, 120, 4, 3, 3, 1, 3, UNKNOWN);
        assertThat(need(steady)).isCloseTo(0.5 / 0.8, within(0.01));
    }

    @Test
    void aBacklogNeedsWhatKeepsUpAndDrainsItWithinTheDrainTime() {
        // all 4 workers busy at 50 records/s each: 200/s done, while the backlog grew from 6,000 to 12,000
        Load behind = new Load(60, 12_000, 240, 4, 6_000, 12_000, 1, 100, UNKNOWN);
        double arriving = 200 + 100;          // done, plus the backlog's growth
        double draining = 12_000 / 60.0;      // the backlog within a minute
        assertThat(need(behind)).isCloseTo((arriving + draining) / (200 * 0.8), within(0.01)).isGreaterThan(3);
    }

    @Test
    void workersBeyondThePartitionsCountInKeyOrderingAndShareGroups() {
        // 16 workers on 1 partition, 8 of them busy: 800 records/s of a capacity of 1,600
        Load keyOrdered = new Load(60, 48_000, 480, 16, 0, 0, 1, 1, UNKNOWN);
        assertThat(need(keyOrdered)).isCloseTo(0.5 / 0.8, within(0.01));
        Load sameLoadInAShareGroup = new Load(60, 48_000, 480, 16, 0, 0, 1, Integer.MAX_VALUE, UNKNOWN);
        assertThat(need(sameLoadInAShareGroup)).isCloseTo(0.5 / 0.8, within(0.01));
        Load allBusy = new Load(60, 96_000, 960, 16, 0, 0, 1, 1, UNKNOWN);
        assertThat(need(allBusy)).as("1.25 instances, but a consumer group has one partition to give").isEqualTo(1);
        assertThat(need(new Load(60, 96_000, 960, 16, 0, 0, 1, Integer.MAX_VALUE, UNKNOWN))).as("a share group has no such bound")
                .isCloseTo(1 / 0.8, within(0.01));
    }

    @Test
    void aConsumerGroupInstanceNeedsNoMoreInstancesThanItHasPartitionsAndOneWithoutPartitionsNone() {
        Load farBehind = new Load(60, 6_000, 240, 4, 1_000_000, 1_000_000, 1, 3, UNKNOWN);
        assertThat(need(farBehind)).isEqualTo(3);
        assertThat(need(new Load(60, 0, 0, 4, 0, 0, 1, 0, UNKNOWN))).isZero();
    }

    @Test
    void aShareGroupMemberAnswersForItsShareOfTheGroupsBacklog() {
        Load alone = new Load(60, 6_000, 120, 4, 48_000, 48_000, 1, Integer.MAX_VALUE, UNKNOWN);
        Load oneOfFour = new Load(60, 6_000, 120, 4, 48_000, 48_000, 0.25, Integer.MAX_VALUE, UNKNOWN);
        // 100/s done; the backlog's drain is 800/s for the group, 200/s for each of four members
        assertThat(need(alone)).isCloseTo((100 + 800) / (200 * 0.8), within(0.01));
        assertThat(need(oneOfFour)).isCloseTo((100 + 200) / (200 * 0.8), within(0.01));
    }

    @Test
    void withoutACompletedRecordItCountsTheBusyWorkersAndItselfWhileWorkWaits() {
        Load stuck = new Load(60, 0, 240, 4, 10, 10, 1, 3, UNKNOWN);
        assertThat(need(stuck)).isCloseTo(1 / 0.8, within(0.01));
        Load pausedWithBacklog = new Load(60, 0, 0, 4, 10, 10, 1, 3, UNKNOWN);
        assertThat(need(pausedWithBacklog)).isEqualTo(1);
        Load pausedWithBacklogRateKnown = new Load(60, 0, 0, 4, 12_000, 12_000, 1, 3, 50);
        assertThat(need(pausedWithBacklogRateKnown)).as("the last known rate drains it")
                .isCloseTo((12_000 / 60.0) / (200 * 0.8), within(0.01));
    }

    @Test
    void aShrinkingBacklogLowersTheArrivalRate() {
        // 200/s done while the backlog fell by 100/s: only 100/s arrive
        Load catchingUp = new Load(60, 12_000, 240, 4, 6_000, 0, 1, 100, UNKNOWN);
        assertThat(need(catchingUp)).isCloseTo(100 / (200 * 0.8), within(0.01));
    }

    private static double need(Load load) {
        return InstancesNeeded.estimate(load, SETTINGS);
    }
}
