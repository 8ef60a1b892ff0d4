package io.kclient.clients;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Record headers as UTF-8 text, the way KClient writes its own (dead-letter, retry, request/reply)
 * and reads them back.
 */
public final class TextHeaders {

    private TextHeaders() {
    }

    /** The last value of a header as text, or {@code null} when absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Replaces any value of the header with this text. */
    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
