package io.kclient.listener;

import java.util.Base64;
import java.util.BitSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The records of a partition past its committed offset that were already done, written into the
 * commit's metadata so that after a crash, or a stop that timed out on a slow record, only the
 * records that never finished are handled again, not every record behind the slow one. The
 * committed offset stays the lowest unfinished one, so a reader that ignores the metadata (another
 * client, an older KClient) still loses nothing.
 *
 * <p>Written as {@value #FORMAT}, the offset the bits count from, {@code :}, and the URL-safe
 * Base64 of a bit set whose bit {@code i} is the offset {@code base + i}. The base is the commit's
 * own offset; metadata whose base is another offset is not trusted, since a tool may have copied
 * it with another offset (MirrorMaker 2's offset sync carries the upstream metadata with the
 * translated offset), and skipping by it would skip records nobody handled. Nor is the first
 * format, {@code kclient-done:1:}, which did not name its base. At most {@link #MAX_OFFSETS}
 * offsets are kept, about 2.8 KB, under the broker's default {@code offset.metadata.max.bytes}
 * (4096); done records past them are simply handled again.
 */
final class DoneOffsets {

    /** How the metadata of a commit naming done records starts, whatever the format's version. */
    static final String PREFIX = "kclient-done:";
    static final String FORMAT = PREFIX + "2:";
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

    /** The done offsets a commit carried, or {@link #NONE}: see {@link #read}. */
    static DoneOffsets of(OffsetAndMetadata committed) {
        return read(committed, ignored -> { });
    }

    /**
     * The done offsets a commit carried, or {@link #NONE} for a commit without them, metadata that
     * is not ours, or done offsets that cannot be trusted; {@code distrust} hears why, in words
     * that follow "the last commit of a partition".
     */
    static DoneOffsets read(OffsetAndMetadata committed, Consumer<String> distrust) {
        String metadata = committed == null ? null : committed.metadata();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return NONE;
        }
        if (!metadata.startsWith(FORMAT)) {
            distrust.accept("names done records in an older format, which does not say what offset they count from");
            return NONE;
        }
        try {
            int colon = metadata.indexOf(':', FORMAT.length());
            long base = Long.parseLong(metadata.substring(FORMAT.length(), colon));
            if (base != committed.offset()) {
                distrust.accept("at offset " + committed.offset() + " names done records counted from offset " + base
                        + " (was it copied with a translated offset, as MirrorMaker 2 does?)");
                return NONE;
            }
            return of(base, BitSet.valueOf(Base64.getUrlDecoder().decode(metadata.substring(colon + 1))));
        } catch (IllegalArgumentException | IndexOutOfBoundsException unreadable) {
            distrust.accept("names done records in metadata KClient cannot read");
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
        return new OffsetAndMetadata(base, FORMAT + base + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(done.toByteArray()));
    }
}
