package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kclient.Ordering;
import io.kclient.scaling.ScalingSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a handler's workers count for in the autoscaling signal, by ordering and kind of group. */
class HandlerLoadTests {

    @Test
    void inPartitionOrderingNoMoreWorkersCountThanPartitionsHeld() {
        HandlerLoad partitionOrdered = new HandlerLoad(Ordering.PARTITION, 8, ScalingSettings.DEFAULT);
        partitionOrdered.workers(() -> 2);
        partitionOrdered.sampleConsumerGroup(0, 2, Map.of(), 0);
        assertThat(partitionOrdered.sampleConsumerGroup(0, 2, Map.of(), 0)).as("both usable workers busy")
                .isCloseTo(1 / 0.8, within(0.01));

        HandlerLoad keyOrdered = new HandlerLoad(Ordering.KEY, 8, ScalingSettings.DEFAULT);
        keyOrdered.workers(() -> 2);
        keyOrdered.sampleConsumerGroup(0, 2, Map.of(), 0);
        assertThat(keyOrdered.sampleConsumerGroup(0, 2, Map.of(), 0)).as("2 of 8 workers busy, whatever the partitions")
                .isCloseTo(0.25 / 0.8, within(0.01));
    }

    @Test
    void aShareGroupMemberIsNotBoundByPartitionsAndAStoppedHandlerNeedsNothing() {
        HandlerLoad member = new HandlerLoad(Ordering.NONE, 2, ScalingSettings.DEFAULT);
        member.workers(() -> 2);
        member.sampleShareGroup(0, Map.of("jobs-0", 5L), 1);
        assertThat(member.sampleShareGroup(0, Map.of("jobs-0", 5L), 1)).isCloseTo(1 / 0.8, within(0.01));
        member.stopped();
        assertThat(member.instancesNeeded()).isZero();
    }
}
