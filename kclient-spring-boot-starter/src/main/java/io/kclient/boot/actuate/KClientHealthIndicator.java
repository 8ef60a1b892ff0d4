package io.kclient.boot.actuate;

import io.kclient.ContainerState;
import io.kclient.HandlerStatus;
import io.kclient.KClientConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN when any handler's consumer failed, cannot reach the broker, or is stalled (records
 * waiting, none completed for the stall timeout); UP otherwise. Details per handler: state,
 * assigned partitions, records in flight, last completion, and the problem if there is one.
 * It reads what the engine already keeps, so a health check calls no broker.
 */
public final class KClientHealthIndicator extends AbstractHealthIndicator {

    private final Supplier<List<HandlerStatus>> handlers;
    private final Duration stallTimeout;
    private final Clock clock;

    /**
     * @param handlers the handlers' statuses, asked at each check
     * @param stallTimeout how long records may wait with none completing before the handler is DOWN
     */
    public KClientHealthIndicator(Supplier<List<HandlerStatus>> handlers, Duration stallTimeout) {
        this(handlers, stallTimeout, Clock.systemUTC());
    }

    KClientHealthIndicator(Supplier<List<HandlerStatus>> handlers, Duration stallTimeout, Clock clock) {
        super("KClient health check failed");
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new KClientConfigurationException("kclient.health.stall-timeout must be positive, was " + stallTimeout
                    + ": set it above the slowest record's handling, retries included (5m by default)");
        }
        this.handlers = handlers;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        boolean down = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (HandlerStatus handler : handlers.get()) {
            String problem = problem(handler, now);
            down |= problem != null;
            details.put(handler.id(), details(handler, problem));
        }
        (down ? builder.down() : builder.up()).withDetail("handlers", details);
    }

    /** What makes the handler unhealthy, in words an operator acts on; {@code null} if nothing does. */
    private String problem(HandlerStatus handler, Instant now) {
        if (handler.state() == ContainerState.FAILED) {
            return "its consumer failed (" + handler.failure() + "); restart it: POST /actuator/kclient/" + handler.id() + "/restart";
        }
        boolean polling = handler.state() == ContainerState.RUNNING || handler.state() == ContainerState.PAUSED;
        if (polling && !handler.connected()) {
            return "its consumer cannot reach the broker";
        }
        if (handler.stalled(stallTimeout, now)) {
            return "stalled: records are waiting and none completed since " + handler.noProgressSince()
                    + " (kclient.health.stall-timeout " + stallTimeout + ")";
        }
        return null;
    }

    private static Map<String, Object> details(HandlerStatus handler, String problem) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", handler.state());
        details.put("assignment", handler.assignment().stream().map(Object::toString).toList());
        details.put("inFlight", handler.inFlight());
        if (handler.lastCompletion() != null) {
            details.put("lastCompletion", handler.lastCompletion().toString());
        }
        if (problem != null) {
            details.put("problem", problem);
        }
        return details;
    }
}
