package io.kclient.avro;

import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadReader;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads one record type from untrusted bytes. The decoder works over the payload's byte array, so
 * Avro checks every declared length and count against the bytes that remain: a tiny payload that
 * claims a huge string or array is refused before anything is allocated. A payload whose bytes
 * are not exactly one record of the schema, or whose single-object header names another schema,
 * is refused with that reason.
 */
final class AvroReader implements PayloadReader {

    private final DatumReader<?> datumReader;
    private final String typeName;
    private final AvroEncoding encoding;
    private final long fingerprint;

    AvroReader(DatumReader<?> datumReader, Schema schema, String typeName, AvroEncoding encoding) {
        this.datumReader = datumReader;
        this.typeName = typeName;
        this.encoding = encoding;
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public Object read(byte[] data) {
        if (data == null) {
            return null;
        }
        int start = encoding == AvroEncoding.SINGLE_OBJECT ? SingleObjectHeader.check(data, fingerprint, typeName) : 0;
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, start, data.length - start, null);
        Object record;
        try {
            record = datumReader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw failure(data, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), e);
        } catch (StackOverflowError e) {
            // a recursive schema and a payload nesting it deeper than the stack: refused like deep JSON
            throw failure(data, "it nests records too deeply", null);
        }
        if (!isEnd(decoder)) {
            throw failure(data, "bytes follow the record, so it was written with another schema (or is not "
                    + encoding.setting() + " encoded)", null);
        }
        return record;
    }

    private static boolean isEnd(BinaryDecoder decoder) {
        try {
            return decoder.isEnd();
        } catch (IOException e) {
            return false;
        }
    }

    private PayloadConversionException failure(byte[] data, String reason, Throwable cause) {
        return new PayloadConversionException("Payload is not a valid Avro " + typeName + " (" + encoding.setting()
                + " encoding, " + data.length + " bytes): " + reason, cause);
    }
}
