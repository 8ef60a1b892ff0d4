package io.kclient.avro;

import io.kclient.convert.PayloadFormat;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;

/**
 * The Avro payload format: a parameter, key or return value declared as an Avro record type
 * ({@code SpecificRecord} generated classes, {@code GenericRecord}) is read and written in Avro,
 * never as JSON. Its handler settings are {@code avro.encoding} and {@code avro.schema} (see
 * {@link AvroSettings}). Found on the class path through {@code META-INF/services}.
 */
public final class AvroFormat implements PayloadFormat {

    /** The prefix of this format's settings. */
    public static final String NAME = "avro";

    @Override
    public String name() {
        return NAME;
    }

    /** Records only: Avro's enums, fixed and arrays are not messages of their own. */
    @Override
    public boolean supports(Class<?> type) {
        return IndexedRecord.class.isAssignableFrom(type);
    }

    @Override
    public Codec configure(Map<String, String> settings) {
        return new AvroCodec(AvroSettings.of(settings));
    }
}
