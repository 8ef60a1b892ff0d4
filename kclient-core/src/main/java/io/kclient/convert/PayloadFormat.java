package io.kclient.convert;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * A binary payload format chosen by the declared type, as JSON is for classes and records: Avro
 * for {@code SpecificRecord} and {@code GenericRecord}, Protobuf for {@code Message} subclasses.
 * A format is found on the class path ({@code META-INF/services/io.kclient.convert.PayloadFormat},
 * which {@code kclient-avro} and {@code kclient-protobuf} carry) or added with {@code
 * KClient.builder().payloadFormat(...)}; an added one comes first, so it may take over types a
 * built-in format supports. That is the seam for a schema registry's wire format.
 *
 * <p>A handler's settings of a format are named after it: {@code avro.encoding} is the setting
 * {@code encoding} of the format named {@code avro} ({@code kclient.handlers.<id>.format.avro.encoding}).
 */
public interface PayloadFormat {

    /** The prefix of this format's settings, for example {@code avro}. */
    String name();

    /** Whether a payload, key or return value declared as {@code type} is in this format. */
    boolean supports(Class<?> type);

    /**
     * This format with one handler's settings, checked now, at start-up.
     *
     * @param settings the handler's settings of this format, without the prefix ({@code encoding -> binary})
     * @throws IllegalArgumentException naming the setting that does not fit, and the fix
     */
    Codec configure(Map<String, String> settings);

    /** A format configured for one handler: readers and writers resolved once, thread-safe and cheap per call. */
    interface Codec {

        /**
         * A reader into {@code type}, which the format {@linkplain #supports supports}; its reads
         * throw {@link PayloadConversionException} with the reason for any payload they cannot read.
         *
         * @throws IllegalArgumentException when the type cannot be read with these settings, saying why
         */
        PayloadReader readerFor(Type type);

        /** A writer of values whose class is {@code type}, which the format supports. */
        PayloadWriter writerFor(Class<?> type);

        /** What payloads of {@code type} look like, for documents such as AsyncAPI; {@code null} when unknown. */
        default PayloadSchema schemaOf(Class<?> type) {
            return null;
        }
    }
}
