package io.kclient.avro;

import io.kclient.convert.PayloadConversionException;
import java.util.HexFormat;

/**
 * The 10 bytes before a record in Avro's single-object encoding: the marker {@code C3 01} and the
 * little-endian CRC-64-AVRO fingerprint of the writer's schema.
 */
final class SingleObjectHeader {

    static final int LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private SingleObjectHeader() {
    }

    /** Writes the header of {@code fingerprint} into the start of {@code target}. */
    static void write(byte[] target, long fingerprint) {
        target[0] = MARKER_0;
        target[1] = MARKER_1;
        for (int i = 0; i < 8; i++) {
            target[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
    }

    /**
     * Where the record starts, once the header is found and names the schema whose fingerprint is
     * {@code expected}; otherwise a {@link PayloadConversionException} saying what is wrong.
     */
    static int check(byte[] data, long expected, String typeName) {
        String prefix = "Payload is not a valid Avro " + typeName + " (single-object encoding, " + data.length + " bytes): ";
        if (data.length < LENGTH || data[0] != MARKER_0 || data[1] != MARKER_1) {
            throw new PayloadConversionException(prefix + "it does not start with the single-object marker C3 01 (it starts "
                    + HexFormat.ofDelimiter(" ").formatHex(data, 0, Math.min(data.length, 4)) + "); if its producer writes bare "
                    + "Avro binary, set the handler setting avro.encoding=binary", null);
        }
        long fingerprint = 0;
        for (int i = 7; i >= 0; i--) {
            fingerprint = (fingerprint << 8) | (data[2 + i] & 0xFF);
        }
        if (fingerprint != expected) {
            throw new PayloadConversionException(prefix + "it was written with the schema of fingerprint "
                    + HexFormat.of().toHexDigits(fingerprint) + ", not " + typeName + "'s (" + HexFormat.of().toHexDigits(expected)
                    + "): another schema, or another version of it", null);
        }
        return LENGTH;
    }
}
