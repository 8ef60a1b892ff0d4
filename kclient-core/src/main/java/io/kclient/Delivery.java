package io.kclient;

/** What a handler promises about each input record's effects on Kafka. */
public enum Delivery {

    /**
     * Every record is handled and its output published before its offset is committed; after a
     * crash or a lost partition, what was not committed is handled again, so output may repeat
     * (bounded by {@code max-in-flight}). The default.
     */
    AT_LEAST_ONCE,

    /**
     * Consume-transform-produce in Kafka transactions: the outputs and dead letters of a poll
     * batch and the batch's offsets are committed together, or not at all. A reader with
     * {@code isolation.level=read_committed} sees each record's output exactly once, whatever
     * crashes. Side effects outside Kafka (a database, an error handler's log) may still repeat.
     */
    EXACTLY_ONCE
}
