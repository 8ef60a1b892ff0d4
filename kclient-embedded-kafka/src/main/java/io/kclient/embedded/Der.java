package io.kclient.embedded;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings (ITU-T X.690) an X.509 certificate is made of: just enough for
 * {@link CertificateAuthority}, so that the in-process broker's TLS needs no library.
 */
final class Der {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private Der() {
    }

    static byte[] sequence(byte[]... elements) {
        return tagged(0x30, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return tagged(0x31, concat(elements));
    }

    static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tagged(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] octetString(byte[] value) {
        return tagged(0x04, value);
    }

    /** A bit string of whole bytes, or with the last {@code unusedBits} of its last byte unused. */
    static byte[] bitString(byte[] value, int unusedBits) {
        byte[] content = new byte[value.length + 1];
        content[0] = (byte) unusedBits;
        System.arraycopy(value, 0, content, 1, value.length);
        return tagged(0x03, content);
    }

    static byte[] utf8String(String value) {
        return tagged(0x0C, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utcTime(ZonedDateTime time) {
        return tagged(0x17, UTC_TIME.format(time.withZoneSameInstant(ZoneOffset.UTC)).getBytes(StandardCharsets.US_ASCII));
    }

    /** An object identifier, written as in {@code 1.2.840.10045.4.3.2}. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long component = Long.parseLong(parts[i]);
            int groups = 1;
            while (component >> (7 * groups) != 0) {
                groups++;
            }
            for (int group = groups - 1; group >= 0; group--) {
                int bits = (int) (component >> (7 * group)) & 0x7F;
                out.write(group == 0 ? bits : bits | 0x80);
            }
        }
        return tagged(0x06, out.toByteArray());
    }

    /** A context-specific tag around an encoded element: {@code [n] EXPLICIT}. */
    static byte[] explicit(int tagNumber, byte[] element) {
        return tagged(0xA0 | tagNumber, element);
    }

    /** A context-specific tag in place of a primitive's own: {@code [n] IMPLICIT}. */
    static byte[] implicit(int tagNumber, byte[] content) {
        return tagged(0x80 | tagNumber, content);
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] octets = BigInteger.valueOf(length).toByteArray();
            int skip = octets[0] == 0 ? 1 : 0;
            out.write(0x80 | (octets.length - skip));
            out.write(octets, skip, octets.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
