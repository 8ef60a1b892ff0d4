package io.kclient.avro;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * One handler's Avro settings, checked once at start-up.
 * <ul>
 * <li>{@code avro.encoding}: {@code single-object} (the default) or {@code binary}, for what the
 * handler reads and what it returns; see {@link AvroEncoding}.</li>
 * <li>{@code avro.schema}: the schema of {@code GenericRecord} payloads: its JSON, or where to
 * read it, {@code classpath:avro/dog.avsc} or a file path ({@code file:} optional). A
 * {@code SpecificRecord} class carries its own schema and ignores it.</li>
 * </ul>
 *
 * @param encoding how records are framed
 * @param schema the schema of {@code GenericRecord} payloads, or {@code null} when none is set
 */
record AvroSettings(AvroEncoding encoding, Schema schema) {

    static final String ENCODING = "encoding";
    static final String SCHEMA = "schema";
    private static final Set<String> NAMES = Set.of(ENCODING, SCHEMA);

    static AvroSettings of(Map<String, String> settings) {
        settings.keySet().stream().filter(name -> !NAMES.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown setting 'avro." + name + "': the Avro settings are avro."
                    + ENCODING + " and avro." + SCHEMA);
        });
        AvroEncoding encoding = settings.containsKey(ENCODING) ? AvroEncoding.of(settings.get(ENCODING)) : AvroEncoding.SINGLE_OBJECT;
        String schema = settings.get(SCHEMA);
        return new AvroSettings(encoding, schema == null || schema.isBlank() ? null : parse(schema.trim()));
    }

    private static Schema parse(String setting) {
        String text = setting.startsWith("{") || setting.startsWith("[") || setting.startsWith("\"") ? setting : read(setting);
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException("avro.schema " + (text == setting ? "" : "'" + setting + "' ")
                    + "is not an Avro schema: " + e.getMessage(), e);
        }
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = classLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("avro.schema '" + location + "' is not on the class path");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("avro.schema '" + location + "' is no file (" + file.toAbsolutePath()
                        + "): give the schema's JSON, a classpath: location or a file path");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("avro.schema '" + location + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : AvroSettings.class.getClassLoader();
    }
}
