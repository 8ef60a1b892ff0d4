package io.kclient.avro;

import io.kclient.convert.PayloadWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes Avro records of one class in an {@link AvroEncoding}. A generated class's schema is known
 * up front; a {@code GenericRecord} brings its own, so the writer prepared for the last schema met
 * is kept (values of one handler nearly always share one schema).
 */
final class AvroWriter implements PayloadWriter {

    private final AvroEncoding encoding;
    private final GenericData data;
    private volatile Prepared last;

    /** @param type a generated class, whose schema is known now, or a {@code GenericRecord} class */
    AvroWriter(Class<?> type, AvroEncoding encoding) {
        this.encoding = encoding;
        boolean generated = AvroCodec.isGenerated(type);
        this.data = generated ? SpecificData.getForClass(type) : GenericData.get();
        this.last = generated ? prepare(SpecificData.getForClass(type).getSchema(type)) : null;
    }

    private Prepared prepare(Schema schema) {
        DatumWriter<Object> writer = data instanceof SpecificData specific ? new SpecificDatumWriter<>(schema, specific)
                : new GenericDatumWriter<>(schema, data);
        return new Prepared(schema, writer, SchemaNormalization.parsingFingerprint64(schema));
    }

    @Override
    public byte[] write(Object value) {
        Schema schema = ((GenericContainer) value).getSchema();
        Prepared prepared = last;
        if (prepared == null || prepared.schema != schema) {
            prepared = prepare(schema);
            last = prepared;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            if (encoding == AvroEncoding.SINGLE_OBJECT) {
                byte[] header = new byte[SingleObjectHeader.LENGTH];
                SingleObjectHeader.write(header, prepared.fingerprint);
                out.write(header);
            }
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            prepared.writer.write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as Avro (" + schema.getFullName()
                    + "): " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private record Prepared(Schema schema, DatumWriter<Object> writer, long fingerprint) {
    }
}
