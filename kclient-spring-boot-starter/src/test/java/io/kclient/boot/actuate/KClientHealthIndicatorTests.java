package io.kclient.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.ContainerState;
import io.kclient.Delivery;
import io.kclient.HandlerStatus;
import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Each reason for DOWN, judged on statuses made up by the test at a fixed time. */
class KClientHealthIndicatorTests {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void upWithDetailsPerHandlerWhenEveryHandlerRuns() {
        Health health = check(status("dogs", ContainerState.RUNNING, true, null, null),
                status("cats", ContainerState.PAUSED, true, null, null));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(handlerDetails(health, "dogs")).containsEntry("state", ContainerState.RUNNING)
                .containsEntry("assignment", List.of("dogs-0")).containsEntry("inFlight", 2)
                .containsEntry("lastCompletion", NOW.minusSeconds(1).toString()).doesNotContainKey("problem");
        assertThat(handlerDetails(health, "cats")).containsEntry("state", ContainerState.PAUSED);
    }

    @Test
    void downWhenAConsumerFailedNamingTheWayOut() {
        Health health = check(status("dogs", ContainerState.RUNNING, true, null, null),
                status("cats", ContainerState.FAILED, true, null, "org.apache.kafka.common.KafkaException: boom"));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) handlerDetails(health, "cats").get("problem")).contains("KafkaException: boom")
                .contains("POST /actuator/kclient/cats/restart");
        assertThat(handlerDetails(health, "dogs")).doesNotContainKey("problem");
    }

    @Test
    void downWhenAConsumerCannotReachTheBroker() {
        Health health = check(status("dogs", ContainerState.RUNNING, false, null, null));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(handlerDetails(health, "dogs")).containsEntry("problem", "its consumer cannot reach the broker");
    }

    @Test
    void downWhenRecordsWaitLongerThanTheStallTimeoutWithNoneCompleting() {
        Health stalled = check(status("dogs", ContainerState.RUNNING, true, NOW.minus(STALL_TIMEOUT).minusSeconds(1), null));
        Health slow = check(status("dogs", ContainerState.RUNNING, true, NOW.minus(STALL_TIMEOUT).plusSeconds(1), null));

        assertThat(stalled.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) handlerDetails(stalled, "dogs").get("problem")).startsWith("stalled")
                .contains("kclient.health.stall-timeout");
        assertThat(slow.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aStoppedHandlerIsNotDisconnected() {
        assertThat(check(status("dogs", ContainerState.STOPPED, false, null, null)).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aStallTimeoutThatIsNotPositiveFailsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new KClientHealthIndicator(List::of, Duration.ZERO))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("kclient.health.stall-timeout must be positive, was PT0S");
    }

    private static Health check(HandlerStatus... statuses) {
        return new KClientHealthIndicator(() -> List.of(statuses), STALL_TIMEOUT, Clock.fixed(NOW, ZoneOffset.UTC))
                .health(true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> handlerDetails(Health health, String id) {
        return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("handlers")).get(id);
    }

    private static HandlerStatus status(String id, ContainerState state, boolean connected, Instant noProgressSince,
            String failure) {
        return new HandlerStatus(id, id, id, Ordering.KEY, 1, Delivery.AT_LEAST_ONCE, null, state,
                List.of(new TopicPartition(id, 0)), 2, Map.of(new TopicPartition(id, 0), 5L), NOW.minusSeconds(1),
                noProgressSince, connected, failure, 0);
    }
}
