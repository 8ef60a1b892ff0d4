package io.kclient.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The property every payload reader must hold, checked on generated input: a read returns a value
 * or throws {@link PayloadConversionException}, nothing else (no other exception, no stack
 * overflow, no out-of-memory error), and each read is quick. Generation is seeded: a failure names
 * its seed, and {@code -Dkclient.fuzz.seed=} replays it. Shared with the format modules' fuzz
 * tests through this module's test jar.
 */
public final class Fuzzing {

    /** One read slower than this is a hang for the purpose of these tests (the machine may be loaded). */
    private static final long SLOW_NANOS = Duration.ofSeconds(2).toNanos();

    private Fuzzing() {
    }

    /** Reads {@code tries} inputs of {@code inputs} with {@code reader}, failing on the first that breaks the property. */
    public static void assertReadsSafely(PayloadReader reader, Function<SplittableRandom, byte[]> inputs, int tries) {
        long seed = Long.getLong("kclient.fuzz.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < tries; i++) {
                byte[] input = inputs.apply(random);
                long started = System.nanoTime();
                try {
                    reader.read(input);
                } catch (PayloadConversionException expected) {
                    // the only failure a payload may cause
                } catch (RuntimeException | Error other) {
                    throw new AssertionError("seed " + seed + ", try " + i + ": " + other + " on " + excerpt(input), other);
                }
                assertThat(System.nanoTime() - started).as("seed %d, try %d: nanoseconds to read %s", seed, i, excerpt(input))
                        .isLessThan(SLOW_NANOS);
            }
        }, () -> "seed " + seed + " hung");
    }

    /** Up to 512 random bytes. */
    public static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(0, 512)];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * A valid binary encoding with a few bytes cut, inserted or flipped, its tail cut off, or a run of
     * bytes set to a varint that claims a length or count of up to 2^63: the malformed input a
     * binary decoder meets.
     */
    public static byte[] mutated(SplittableRandom random, byte[] valid) {
        byte[] bytes = valid;
        for (int i = random.nextInt(1, 4); i > 0 && bytes.length > 0; i--) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(4)) {
                case 0 -> splice(bytes, at, 1, new byte[0]);
                case 1 -> splice(bytes, at, 0, new byte[] {(byte) random.nextInt(256)});
                case 2 -> Arrays.copyOf(bytes, at);
                default -> splice(bytes, at, 1, new byte[] {(byte) 0xFE, -1, -1, -1, -1, -1, -1, -1, -1});
            };
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }

    /** The input's start, as text when it is text and as hex otherwise. */
    private static String excerpt(byte[] input) {
        int shown = Math.min(input.length, 300);
        String text = new String(input, 0, shown, StandardCharsets.UTF_8);
        boolean printable = text.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\n' || c == '\t');
        String start = printable ? text : HexFormat.ofDelimiter(" ").formatHex(input, 0, Math.min(shown, 100));
        return input.length > shown || !printable && input.length > 100 ? start + "... (" + input.length + " bytes)" : start;
    }
}
