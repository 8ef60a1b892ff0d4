package io.kclient.convert;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Document;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the conversion from the target type: a type a {@link PayloadFormat} supports is that
 * format's (Avro, Protobuf: found on the class path), {@code String} is raw UTF-8 text (JSON or
 * not), {@code byte[]} the bytes as they are, {@code org.w3c.dom.Document} hardened XML,
 * {@code Optional<T>} a {@code T} or empty for a tombstone, and anything else (a POJO, a record,
 * {@code JsonNode}, {@code List<T>}) JSON read by Jackson into exactly the declared type. KClient
 * never enables Jackson's default typing: a payload naming a class instantiates nothing it names
 * (see {@link HardenedJsonMapper}). A payload above the size limit ({@link #withMaxPayloadBytes})
 * is refused before any of it is read.
 */
public final class PayloadConverters {


    /** Kafka's own default record size limit ({@code max.message.bytes}, 1 MiB plus overhead), rounded to 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;
    private final XmlDocuments xml;
    private final int maxPayloadBytes;
    private final PayloadFormats formats;
    /** The writer of each class of value met, chosen once per class rather than per record. */
    private final ClassValue<PayloadWriter> writers = new ClassValue<>() {
        @Override
        protected PayloadWriter computeValue(Class<?> type) {
            return writerFor(type);
        }
    };

    /**
     * @param mapper the application's JSON mapper; KClient reads with a hardened copy of it and
     *     leaves it unchanged. The payload formats on the class path are found here.
     */
    public PayloadConverters(ObjectMapper mapper) {
        this(HardenedJsonMapper.of(Objects.requireNonNull(mapper, "mapper")), new XmlDocuments(), DEFAULT_MAX_PAYLOAD_BYTES,
                PayloadFormats.discovered());
    }

    /**
     * As {@link #PayloadConverters(ObjectMapper)}, or with a plain {@code JsonMapper} when
     * {@code mapper} is {@code null}; the hardened copy of it is shared JVM-wide.
     */
    public static PayloadConverters of(ObjectMapper mapper) {
        return new PayloadConverters(mapper != null ? mapper : PlainJson.MAPPER);
    }

    /** The mapper of whoever was given none: one for the JVM, so that its hardened copy is one too. */
    private static final class PlainJson {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    private PayloadConverters(ObjectMapper mapper, XmlDocuments xml, int maxPayloadBytes, PayloadFormats formats) {
        this.mapper = mapper;
        this.xml = xml;
        this.maxPayloadBytes = maxPayloadBytes;
        this.formats = formats;
    }

    /**
     * These converters with {@code added} formats in front of the ones found on the class path:
     * an added format is asked first whether it supports a type, and replaces a found one of the same name.
     */
    public PayloadConverters withFormats(List<? extends PayloadFormat> added) {
        return new PayloadConverters(mapper, xml, maxPayloadBytes, formats.with(added));
    }

    /**
     * These converters with {@code settings} of their formats over the current ones, each named
     * {@code <format>.<setting>} ({@code avro.encoding}), checked now.
     *
     * @throws IllegalArgumentException naming a setting that names no format, or that its format refuses
     */
    public PayloadConverters withFormatSettings(Map<String, String> settings) {
        PayloadFormats configured = formats.withSettings(settings);
        return configured == formats ? this : new PayloadConverters(mapper, xml, maxPayloadBytes, configured);
    }

    /**
     * These converters with readers that refuse a payload (or key) of more than {@code maxPayloadBytes}
     * with a {@link PayloadTooLargeException}, unread.
     */
    public PayloadConverters withMaxPayloadBytes(int maxPayloadBytes) {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("max payload bytes must be at least 1, was " + maxPayloadBytes);
        }
        return new PayloadConverters(mapper, xml, maxPayloadBytes, formats);
    }

    /** The largest payload the readers accept. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Whether {@link #readerFor} accepts the type. */
    public boolean supports(Type type) {
        return unsupportedReason(type) == null;
    }

    /**
     * A reader into {@code type}, resolved once. Throws {@link IllegalArgumentException} saying
     * why and what is supported when the type cannot be a payload.
     */
    public PayloadReader readerFor(Type type) {
        PayloadReader reader = unlimitedReaderFor(type);
        return data -> {
            if (data != null && data.length > maxPayloadBytes) {
                throw new PayloadTooLargeException(data.length, maxPayloadBytes);
            }
            return reader.read(data);
        };
    }

    private PayloadReader unlimitedReaderFor(Type type) {
        String reason = unsupportedReason(type);
        if (reason != null) {
            throw new IllegalArgumentException(reason + "; a payload is a String, byte[], JsonNode, "
                    + "org.w3c.dom.Document, a List of those or of a class, a class or record read from JSON, "
                    + "an Optional of one of those, or a type of a payload format " + formats.names());
        }
        PayloadFormat.Codec codec = formats.codecFor(raw(type));
        if (codec != null) {
            return codec.readerFor(type);
        }
        if (type instanceof ParameterizedType optional && optional.getRawType() == Optional.class) {
            PayloadReader present = unlimitedReaderFor(optional.getActualTypeArguments()[0]);
            return data -> Optional.ofNullable(present.read(data));
        }
        if (type == String.class) {
            return data -> data == null ? null : new String(data, StandardCharsets.UTF_8);
        }
        if (type == byte[].class) {
            return data -> data;
        }
        if (type == Document.class) {
            return data -> data == null ? null : xml.parse(data);
        }
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        ObjectReader reader = mapper.readerFor(javaType);
        return data -> {
            if (data == null) {
                return null;
            }
            try {
                return reader.readValue(data);
            } catch (JacksonException e) {
                throw new PayloadConversionException("Payload is not a valid " + javaType.toCanonical() + ": "
                        + e.getOriginalMessage() + " (payload: " + Excerpt.of(data) + ")", e);
            }
        };
    }

    /**
     * The bytes of an outbound value: a payload format's value in that format, {@code byte[]} as
     * is, {@code String} as UTF-8 text, {@code Document} as XML, anything else as JSON;
     * {@code null} stays {@code null}.
     */
    public byte[] write(Object value) {
        return value == null ? null : writers.get(value.getClass()).write(value);
    }

    private PayloadWriter writerFor(Class<?> type) {
        PayloadFormat.Codec codec = formats.codecFor(type);
        if (codec != null) {
            return codec.writerFor(type);
        }
        if (type == byte[].class) {
            return value -> (byte[]) value;
        }
        if (type == String.class) {
            return value -> ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        if (Document.class.isAssignableFrom(type)) {
            return value -> xml.write((Document) value);
        }
        ObjectWriter writer = mapper.writerFor(type); // its serializer found once, not at each value
        return writer::writeValueAsBytes;
    }

    /**
     * The schema of payloads declared as {@code type} as their format states it, or {@code null}
     * for a type of no payload format (JSON, text, bytes, XML) or one whose format cannot say.
     */
    public PayloadSchema schemaOf(Class<?> type) {
        PayloadFormat.Codec codec = formats.codecFor(type);
        return codec == null ? null : codec.schemaOf(type);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : Object.class;
    }

    private String unsupportedReason(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isPrimitive()) {
                return "Primitive type " + c.getName() + " cannot be a payload";
            }
            if (c == Object.class) {
                return "Object says nothing about the payload's type";
            }
            if (c.isArray() && c != byte[].class) {
                return "Array type " + c.getSimpleName() + " cannot be a payload: use List<" + c.getComponentType().getSimpleName() + ">";
            }
            return null;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (argument instanceof TypeVariable<?> || argument instanceof WildcardType) {
                    return "Type " + type.getTypeName() + " has an unresolved type argument";
                }
                Class<?> element = raw(argument);
                boolean container = Collection.class.isAssignableFrom(raw(type)) || Map.class.isAssignableFrom(raw(type));
                if (container && formats.codecFor(element) != null) {
                    return "Type " + type.getTypeName() + " would read a JSON array or object of " + element.getSimpleName()
                            + ", whose format is not JSON: take one " + element.getSimpleName() + " per record";
                }
            }
            return null;
        }
        if (type instanceof GenericArrayType) {
            return "Generic array " + type.getTypeName() + " cannot be a payload";
        }
        return "Type " + type.getTypeName() + " is not a concrete type";
    }
}
