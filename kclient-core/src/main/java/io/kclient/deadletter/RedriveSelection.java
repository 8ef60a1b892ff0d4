package io.kclient.deadletter;

import java.time.Instant;

/**
 * Which of a handler's dead letters a redrive sends back, and how fast. Every criterion set must
 * hold; none set means all of them. Built from {@link #all()}:
 *
 * <pre>{@code
 * RedriveSelection.all()
 *         .deadLetteredBetween(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T11:00:00Z"))
 *         .exceptionClass("java.net.ConnectException")
 *         .limit(500)
 *         .ratePerSecond(50);
 * }</pre>
 *
 * @param from dead-lettered at or after this; {@code null} for no bound
 * @param to dead-lettered before this; {@code null} for no bound
 * @param exceptionClass failed with this exception class, named in full or by its simple name; {@code null} for any
 * @param originTopic came from this topic; {@code null} for any
 * @param originPartition came from this partition of it; {@code null} for any
 * @param originOffset came from this offset of it (with a partition); {@code null} for any
 * @param limit sends at most this many; {@code null} for no limit
 * @param ratePerSecond sends at most this many a second; {@code null} for as fast as the broker takes them
 * @param skipExhausted leaves dead letters already redriven {@code max-redrives} times where they are
 *     instead of refusing the whole redrive
 */
public record RedriveSelection(Instant from, Instant to, String exceptionClass, String originTopic, Integer originPartition,
        Long originOffset, Integer limit, Double ratePerSecond, boolean skipExhausted) {

    private static final RedriveSelection ALL = new RedriveSelection(null, null, null, null, null, null, null, null, false);

    public RedriveSelection {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("The time range is empty: from " + from + " is not before to " + to);
        }
        if (originOffset != null && originPartition == null) {
            throw new IllegalArgumentException("An origin offset needs its partition: set the origin partition too");
        }
        if ((originPartition != null || originOffset != null) && originTopic == null) {
            throw new IllegalArgumentException("An origin partition or offset needs its topic: set the origin topic too");
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (ratePerSecond != null && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be above 0, was " + ratePerSecond);
        }
    }

    /** Every dead letter of the handler not redriven yet. */
    public static RedriveSelection all() {
        return ALL;
    }

    /** Dead-lettered at or after {@code from} and before {@code to}; either may be {@code null}. */
    public RedriveSelection deadLetteredBetween(Instant from, Instant to) {
        return new RedriveSelection(from, to, exceptionClass, originTopic, originPartition, originOffset, limit, ratePerSecond,
                skipExhausted);
    }

    /** Failed with this exception class, named in full or by its simple name. */
    public RedriveSelection exceptionClass(String exceptionClass) {
        return new RedriveSelection(from, to, exceptionClass, originTopic, originPartition, originOffset, limit, ratePerSecond,
                skipExhausted);
    }

    /** Came from this topic, partition and offset; the partition and offset may be {@code null}. */
    public RedriveSelection origin(String topic, Integer partition, Long offset) {
        return new RedriveSelection(from, to, exceptionClass, topic, partition, offset, limit, ratePerSecond, skipExhausted);
    }

    /** Sends at most {@code limit} dead letters. */
    public RedriveSelection limit(int limit) {
        return new RedriveSelection(from, to, exceptionClass, originTopic, originPartition, originOffset, limit, ratePerSecond,
                skipExhausted);
    }

    /** Sends at most {@code ratePerSecond} dead letters a second. */
    public RedriveSelection ratePerSecond(double ratePerSecond) {
        return new RedriveSelection(from, to, exceptionClass, originTopic, originPartition, originOffset, limit, ratePerSecond,
                skipExhausted);
    }

    /** Leaves dead letters redriven {@code max-redrives} times where they are, and redrives the others. */
    public RedriveSelection skippingExhausted() {
        return new RedriveSelection(from, to, exceptionClass, originTopic, originPartition, originOffset, limit, ratePerSecond,
                true);
    }

    /** Whether the dead letter meets every criterion set (the limit and rate aside). */
    boolean matches(DeadLetter letter) {
        return (from == null || !letter.deadLetteredAt().isBefore(from))
                && (to == null || letter.deadLetteredAt().isBefore(to))
                && (exceptionClass == null || exceptionClass.equals(letter.exceptionClass())
                        || letter.exceptionClass() != null && letter.exceptionClass().endsWith("." + exceptionClass))
                && (originTopic == null || originTopic.equals(letter.originTopic()))
                && (originPartition == null || originPartition.equals(letter.originPartition()))
                && (originOffset == null || originOffset.equals(letter.originOffset()));
    }
}
