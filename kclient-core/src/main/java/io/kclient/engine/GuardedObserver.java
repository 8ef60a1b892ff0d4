package io.kclient.engine;

import io.kclient.observe.HandlerObserver;
import io.kclient.observe.TopicObserver;
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

    /** The delegate's observer of the topic, guarded the same way; a delegate that fails to make one observes nothing there. */
    @Override
    public TopicObserver topic(String handlerId, String topic) {
        TopicObserver[] made = {TopicObserver.NONE};
        guard("topic", () -> made[0] = delegate.topic(handlerId, topic));
        return made[0] == null ? TopicObserver.NONE : new GuardedTopicObserver(made[0]);
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
            ignore(event, e);
        }
    }

    private void ignore(String event, RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            log.warn("The HandlerObserver {} failed on '{}'; KClient ignores its failures (further ones are logged at DEBUG)",
                    delegate.getClass().getName(), event, e);
        } else {
            log.debug("The HandlerObserver {} failed on '{}'", delegate.getClass().getName(), event, e);
        }
    }

    /** A topic's observer behind the same guard; written out, not through {@link #guard}, since it runs per record. */
    private final class GuardedTopicObserver implements TopicObserver {

        private final TopicObserver topic;

        GuardedTopicObserver(TopicObserver topic) {
            this.topic = topic;
        }

        @Override
        public void received(int records) {
            try {
                topic.received(records);
            } catch (RuntimeException e) {
                ignore("received", e);
            }
        }

        @Override
        public void skipped(int records) {
            try {
                topic.skipped(records);
            } catch (RuntimeException e) {
                ignore("skipped", e);
            }
        }

        @Override
        public void handled(long latencyNanos) {
            try {
                topic.handled(latencyNanos);
            } catch (RuntimeException e) {
                ignore("handled", e);
            }
        }

        @Override
        public void retried() {
            try {
                topic.retried();
            } catch (RuntimeException e) {
                ignore("retried", e);
            }
        }

        @Override
        public void failed(Throwable failure) {
            try {
                topic.failed(failure);
            } catch (RuntimeException e) {
                ignore("failed", e);
            }
        }

        @Override
        public void deadLettered() {
            try {
                topic.deadLettered();
            } catch (RuntimeException e) {
                ignore("deadLettered", e);
            }
        }

        @Override
        public void published(int records) {
            try {
                topic.published(records);
            } catch (RuntimeException e) {
                ignore("published", e);
            }
        }
    }
}
