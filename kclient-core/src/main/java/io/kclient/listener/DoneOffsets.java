package io.kclient.listener;

import java.util.Base64;
import java.util.BitSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The records of a partition past its committed offset that were already done, written into the
 * commit's metadata so that after a crash, or a stop that timed out on a slow record, only the
 * records that never finished are handled again, not every record behind the slow one. The
 * committed offset stays the lowest unfinished one, so a reader that ignores the metadata (another
 * client, an older KClient) still loses nothing.
 *
 * <p>Written as {@value #PREFIX} and the URL-safe Base64 of a bit set whose bit {@code i} is the
 * offset {@code committed + i}. At most {@link #MAX_OFFSETS} offsets are kept, about 2.8 KB, under
 * the broker's default {@code offset.metadata.max.bytes} (4096); done records past them are
 * simply handled again.
 */
final class DoneOffsets {

    static final String PREFIX = "kclient-done:1:";
    static final int MAX_OFFSETS = 16 * 1024;
    static final DoneOffsets NONE = new DoneOffsets(-1, new BitSet());

    private final long base;
    private final BitSet done;

    private DoneOffsets(long base, BitSet done) {
        this.base = base;
        this.done = done;
    }

    /** @param done bit {@code i} set when offset {@code base + i} is done; bits from {@link #MAX_OFFSETS} on are dropped */
    static DoneOffsets of(long base, BitSet done) {
        BitSet kept = done.get(0, MAX_OFFSETS);
        return kept.isEmpty() ? NONE : new DoneOffsets(base, kept);
    }

    /** The done offsets a commit carried, or {@link #NONE} for a commit without them (or metadata that is not ours). */
    static DoneOffsets of(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(PREFIX)) {
            return NONE;
        }
        try {
            return of(committed.offset(), BitSet.valueOf(Base64.getUrlDecoder().decode(committed.metadata().substring(PREFIX.length()))));
        } catch (IllegalArgumentException notOurs) {
            return NONE;
        }
    }

    /** Whether {@code offset} was done when the commit was made. */
    boolean contains(long offset) {
        long index = offset - base;
        return index >= 0 && index < MAX_OFFSETS && done.get((int) index);
    }

    boolean isEmpty() {
        return done.isEmpty();
    }

    int count() {
        return done.cardinality();
    }

    /** The highest done offset, or -1 when none is. */
    long highest() {
        return done.isEmpty() ? -1 : base + done.length() - 1;
    }

    /** The commit of the offset these were taken at, carrying them. */
    OffsetAndMetadata commit() {
        return new OffsetAndMetadata(base, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(done.toByteArray()));
    }
}
