package io.kclient.deadletter;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Which records of one dead-letter partition a handler's redrives have dealt with (redriven, or
 * passed over as another handler's): every offset below {@link #position()}, and the ranges above
 * it written in {@link #metadata()}. Kept as the redrive group's committed offset and its metadata,
 * as the engine's commits name records done above the committed offset.
 */
final class RedriveLedger {

    static final String PREFIX = "kclient-redriven:";
    /**
     * The longest metadata written: the broker's {@code offset.metadata.max.bytes} is 4,096 by
     * default, and a commit over it fails.
     */
    static final int MAX_METADATA = 3_500;

    private long position;
    /** Ranges dealt with above the position: first offset to last, inclusive, none touching another or the position. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    private RedriveLedger(long position) {
        this.position = position;
    }

    /**
     * The ledger as last committed: {@code committedOffset} and its {@code metadata} (either may be
     * absent: nothing redriven yet), never below {@code logStart}, where older records are gone.
     */
    static RedriveLedger of(Long committedOffset, String metadata, long logStart) {
        RedriveLedger ledger = new RedriveLedger(Math.max(logStart, committedOffset == null ? 0 : committedOffset));
        if (metadata != null && metadata.startsWith(PREFIX) && metadata.length() > PREFIX.length()) {
            for (String range : metadata.substring(PREFIX.length()).split(",")) {
                try {
                    int dash = range.indexOf('-');
                    long first = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                    ledger.markDone(first, dash < 0 ? first : Long.parseLong(range.substring(dash + 1)));
                } catch (NumberFormatException malformed) {
                    // not ours: what it named is redriven again rather than lost
                }
            }
        }
        return ledger;
    }

    /** Below here, everything is dealt with: the offset to commit. */
    long position() {
        return position;
    }

    boolean isDone(long offset) {
        if (offset < position) {
            return true;
        }
        Map.Entry<Long, Long> range = ranges.floorEntry(offset);
        return range != null && offset <= range.getValue();
    }

    /** Marks {@code offset} dealt with, merging ranges and moving the position over them. */
    void markDone(long offset) {
        markDone(offset, offset);
    }

    private void markDone(long from, long to) {
        long first = Math.max(from, position);
        long last = to;
        if (first > last) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(first);
        if (before != null && before.getValue() >= first - 1) {
            first = before.getKey();
            last = Math.max(last, before.getValue());
            ranges.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(first); next != null && next.getKey() <= last + 1;
                next = ranges.ceilingEntry(first)) {
            last = Math.max(last, next.getValue());
            ranges.remove(next.getKey());
        }
        if (first == position) {
            position = last + 1;
        } else {
            ranges.put(first, last);
        }
    }

    /** The commit metadata naming the ranges above the position; empty when there are none. */
    String metadata() {
        if (ranges.isEmpty()) {
            return "";
        }
        StringJoiner text = new StringJoiner(",", PREFIX, "");
        ranges.forEach((first, last) -> text.add(first.equals(last) ? Long.toString(first) : first + "-" + last));
        return text.toString();
    }

    /** Whether marking {@code offset} too would keep the metadata within what the broker takes. */
    boolean roomFor(long offset) {
        RedriveLedger copy = copy();
        copy.markDone(offset);
        return copy.metadata().length() <= MAX_METADATA;
    }

    RedriveLedger copy() {
        RedriveLedger copy = new RedriveLedger(position);
        copy.ranges.putAll(ranges);
        return copy;
    }
}
