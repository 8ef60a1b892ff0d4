package io.kclient.engine;

import io.kclient.observe.HandlerObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an application's observer from harming the engine: its callbacks run inside the futures
 * that complete records, where an exception would leave a record never done. A failing callback
 * is logged once at WARN (then at DEBUG, so a broken metrics library cannot flood the log) and
 * otherwise ignored.
 */
final class GuardedObserver implements HandlerObserver {

    private static final Logger log = LoggerFactory.getLogger(GuardedObserver.class);

    private final HandlerObserver delegate;
    private final AtomicBoolean warned = new AtomicBoolean();

    GuardedObserver(HandlerObserver delegate) {
        this.delegate = delegate;
    }

    @Override
    public void received(String handlerId, String topic) {
        guard("received", () -> delegate.received(handlerId, topic));
    }

    @Override
    public void skipped(String handlerId, String topic) {
        guard("skipped", () -> delegate.skipped(handlerId, topic));
    }

    @Override
    public void tombstoneSkipped(String handlerId, String topic) {
        guard("tombstoneSkipped", () -> delegate.tombstoneSkipped(handlerId, topic));
    }

    @Override
    public void handled(String handlerId, String topic, Duration latency) {
        guard("handled", () -> delegate.handled(handlerId, topic, latency));
    }

    @Override
    public void retried(String handlerId, String topic) {
        guard("retried", () -> delegate.retried(handlerId, topic));
    }

    @Override
    public void failed(String handlerId, String topic, Throwable failure) {
        guard("failed", () -> delegate.failed(handlerId, topic, failure));
    }

    @Override
    public void deadLettered(String handlerId, String topic) {
        guard("deadLettered", () -> delegate.deadLettered(handlerId, topic));
    }

    @Override
    public void published(String handlerId, String topic) {
        guard("published", () -> delegate.published(handlerId, topic));
    }

    @Override
    public void sampled(String handlerId, int inFlight, long inFlightBytes, Map<TopicPartition, Long> lag) {
        guard("sampled", () -> delegate.sampled(handlerId, inFlight, inFlightBytes, lag));
    }

    @Override
    public void instancesNeeded(String handlerId, double instances) {
        guard("instancesNeeded", () -> delegate.instancesNeeded(handlerId, instances));
    }

    private void guard(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("The HandlerObserver {} failed on '{}'; KClient ignores its failures (further ones are logged at DEBUG)",
                        delegate.getClass().getName(), event, e);
            } else {
                log.debug("The HandlerObserver {} failed on '{}'", delegate.getClass().getName(), event, e);
            }
        }
    }
}
