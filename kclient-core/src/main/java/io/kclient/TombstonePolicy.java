package io.kclient;

/**
 * What a handler does with a tombstone (a record without a value) that its signature does not
 * take. A handler whose payload parameter is nullable (annotated {@code @Nullable} of any package
 * kept at run time: jakarta, JSpecify, Spring, JSR-305; or declared {@code Optional<T>}, or a
 * {@code ConsumerRecord}) receives every tombstone, as {@code null} or an empty {@code Optional};
 * for any other, this policy decides. A tombstone is never retried.
 */
public enum TombstonePolicy {

    /**
     * The record is done without calling the handler, counted in {@code kclient.tombstones.skipped}
     * and logged at debug level; a request gets an empty reply. The default: on a compacted topic a
     * tombstone is an ordinary deletion, not a mistake.
     */
    SKIP,

    /**
     * The record is a poison pill: straight to the dead-letter topic, unretried, with a reason
     * naming the parameter, for topics where a missing value is a producer's bug.
     */
    DEAD_LETTER
}
