package io.kclient.avro;

import io.kclient.convert.PayloadFormat;
import io.kclient.convert.PayloadReader;
import io.kclient.convert.PayloadSchema;
import io.kclient.convert.PayloadWriter;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro under one handler's {@link AvroSettings}: a {@code SpecificRecord} class is read with the
 * schema generated into it, any other record type ({@code GenericRecord}) with {@code avro.schema}.
 */
final class AvroCodec implements PayloadFormat.Codec {

    /** How AsyncAPI names an Avro schema given as JSON. */
    static final String SCHEMA_FORMAT = "application/vnd.apache.avro+json;version=1.9.0";

    private final AvroSettings settings;

    AvroCodec(AvroSettings settings) {
        this.settings = settings;
    }

    @Override
    public PayloadReader readerFor(Type type) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        if (isGenerated(raw)) {
            Schema schema = SpecificData.getForClass(raw).getSchema(raw);
            return new AvroReader(new SpecificDatumReader<>(schema, schema, new DeclaredSpecificData(raw)), schema, raw.getName(),
                    settings.encoding());
        }
        if (SpecificRecord.class.isAssignableFrom(raw)) {
            throw new IllegalArgumentException(raw.getName() + " is no generated Avro class: declare the class generated "
                    + "from the schema, or GenericRecord with the handler setting avro.schema");
        }
        if (settings.schema() == null) {
            throw new IllegalArgumentException("a " + raw.getSimpleName() + " payload is read with the schema it was written "
                    + "with, and none is set: set the handler setting avro.schema (kclient.handlers.<id>.format.avro.schema="
                    + "classpath:avro/dog.avsc, or the schema's JSON), or declare the class generated from the schema");
        }
        if (settings.schema().getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("avro.schema is a " + settings.schema().getType() + " schema, but a "
                    + raw.getSimpleName() + " payload is a record: give a record schema");
        }
        return new AvroReader(new GenericDatumReader<>(settings.schema()), settings.schema(), settings.schema().getFullName(),
                settings.encoding());
    }

    @Override
    public PayloadWriter writerFor(Class<?> type) {
        return new AvroWriter(type, settings.encoding());
    }

    @Override
    public PayloadSchema schemaOf(Class<?> type) {
        Schema schema = isGenerated(type) ? SpecificData.getForClass(type).getSchema(type) : settings.schema();
        return schema == null ? null : new PayloadSchema(SCHEMA_FORMAT, schema.toString());
    }

    /** A concrete class generated from a schema, which carries it. */
    static boolean isGenerated(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
                && IndexedRecord.class.isAssignableFrom(type);
    }
}
