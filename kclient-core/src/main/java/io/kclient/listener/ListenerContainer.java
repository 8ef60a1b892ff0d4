package io.kclient.listener;

import io.kclient.ContainerState;
import io.kclient.Delivery;
import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One running handler, whatever kind of Kafka group feeds it: a consumer group
 * ({@link HandlerContainer}) or a share group ({@link ShareGroupContainer}).
 */
public interface ListenerContainer {

    /** Starts polling; returns at once. Starting a running container does nothing. */
    void start();

    /**
     * Waits until the consumer made by {@link #start()} is subscribed; a {@code KClientException}
     * naming the handler if it failed, or took longer than {@code timeout}.
     */
    void awaitStarted(Duration timeout);

    /** Stops gracefully: records under way finish (within the shutdown timeout). Blocks until then. */
    void stop();

    /** Stops fetching records; records under way finish. */
    void pause();

    /** Fetches records again after {@link #pause()}. */
    void resume();

    /** Stops gracefully and starts again with a new consumer: the way out of a failed consumer. */
    void restart();

    /** The handler id, naming threads, logs and metrics. */
    String id();

    /** The topics consumed. */
    Subscription subscription();

    /** Group, concurrency, ordering, bounds and retries the handler runs with. */
    HandlerSettings settings();

    /** The handler's delivery promise. */
    Delivery delivery();

    ContainerState state();

    /** Records fetched and not yet finished with. */
    int inFlight();

    /** Partitions assigned to this container's consumer now; none for a share group, whose broker hands out records. */
    Set<TopicPartition> assignment();

    /** What the handler is doing: completions, stalls, lag, connection, failure. */
    HandlerActivity activity();
}
