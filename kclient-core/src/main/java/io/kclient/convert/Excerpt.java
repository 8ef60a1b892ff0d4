package io.kclient.convert;

import java.nio.charset.StandardCharsets;

/**
 * The start of a payload as safe text: decoded as UTF-8, cut at a length, control characters
 * escaped ({@code \u000a}). What KClient shows of a payload, in error messages, logs, dead-letter
 * headers and listings, where a hostile payload's line breaks or terminal codes could forge entries.
 */
public final class Excerpt {

    /** What error messages and listings show of a payload: a message must not carry a huge one. */
    public static final int DEFAULT_LENGTH = 200;

    private Excerpt() {
    }

    /** The first {@link #DEFAULT_LENGTH} bytes of {@code data}, escaped; {@code null} for {@code null}. */
    public static String of(byte[] data) {
        return of(data, DEFAULT_LENGTH);
    }

    /**
     * The first {@code maxBytes} bytes of {@code data} as text, control characters escaped, followed by
     * {@code ... (N bytes)} when cut; {@code null} for {@code null}.
     */
    public static String of(byte[] data, int maxBytes) {
        if (data == null) {
            return null;
        }
        String text = new String(data, 0, Math.min(data.length, maxBytes), StandardCharsets.UTF_8);
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return data.length > maxBytes ? safe + "... (" + data.length + " bytes)" : safe.toString();
    }
}
