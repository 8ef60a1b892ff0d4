package io.kclient.avro;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How an Avro record's bytes are framed. A schema registry's wire format (Confluent's magic byte
 * and schema id, Apicurio's) is none of these: it would be a {@code PayloadFormat} of its own,
 * added with {@code KClient.builder().payloadFormat(...)}.
 */
public enum AvroEncoding {

    /**
     * Avro's single-object encoding, the default: the marker {@code C3 01}, the 8-byte CRC-64-AVRO
     * fingerprint of the writer's schema, then the record in Avro binary; what a generated class's
     * {@code toByteBuffer()} writes. The fingerprint lets a payload written with another schema be
     * refused with that reason, rather than misread.
     */
    SINGLE_OBJECT("single-object"),

    /** The record in bare Avro binary, no header: both sides must know the schema. */
    BINARY("binary");

    private final String setting;

    AvroEncoding(String setting) {
        this.setting = setting;
    }

    /** How the setting spells it: {@code single-object}, {@code binary}. */
    public String setting() {
        return setting;
    }

    static AvroEncoding of(String setting) {
        for (AvroEncoding encoding : values()) {
            if (encoding.setting.equalsIgnoreCase(setting.trim()) || encoding.name().equalsIgnoreCase(setting.trim())) {
                return encoding;
            }
        }
        throw new IllegalArgumentException("encoding '" + setting + "' is not one of " + Arrays.stream(values())
                .map(AvroEncoding::setting).collect(Collectors.joining(", ")) + " (the default is single-object)");
    }
}
