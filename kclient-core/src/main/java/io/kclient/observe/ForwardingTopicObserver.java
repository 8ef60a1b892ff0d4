package io.kclient.observe;

import java.time.Duration;

/**
 * What {@link HandlerObserver#topic} gives by default: each event passed on to the observer's
 * per-record methods, once per record, so an observer that implements only those hears everything.
 */
record ForwardingTopicObserver(HandlerObserver observer, String handlerId, String topic) implements TopicObserver {

    @Override
    public void received(int records) {
        for (int i = 0; i < records; i++) {
            observer.received(handlerId, topic);
        }
    }

    @Override
    public void skipped(int records) {
        for (int i = 0; i < records; i++) {
            observer.skipped(handlerId, topic);
        }
    }

    @Override
    public void handled(long latencyNanos) {
        observer.handled(handlerId, topic, Duration.ofNanos(latencyNanos));
    }

    @Override
    public void retried() {
        observer.retried(handlerId, topic);
    }

    @Override
    public void failed(Throwable failure) {
        observer.failed(handlerId, topic, failure);
    }

    @Override
    public void deadLettered() {
        observer.deadLettered(handlerId, topic);
    }

    @Override
    public void published(int records) {
        for (int i = 0; i < records; i++) {
            observer.published(handlerId, topic);
        }
    }
}
