package io.kclient.asyncapi;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.kclient.convert.PayloadSchema;
import io.kclient.engine.HandlerDescription;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload schemas of one document, by declared type, as KClient converts that type: a payload
 * format's type (Avro, Protobuf) in the schema its format states, {@code String}, {@code byte[]}
 * and XML as strings, and every other type as the JSON schema victools' generator derives from
 * it (Jackson's annotations respected), its classes gathered in {@code components.schemas}.
 */
final class PayloadSchemas {

    /** How the payload of a type is described: its message name, content type and schema. */
    record Payload(String name, String contentType, JsonNode schema) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final SchemaBuilder jsonSchemas;

    PayloadSchemas() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.PLAIN_DEFINITION_KEYS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        this.jsonSchemas = new SchemaGenerator(config.build()).buildMultipleSchemaDefinitions();
    }

    /** The payload of {@code type} in {@code handler}'s settings; {@code null} for a type not declared (raw bytes). */
    Payload of(Type type, HandlerDescription handler) {
        if (type == null || type == byte[].class) {
            return new Payload("Bytes", "application/octet-stream", nodes.objectNode().put("type", "string").put("format", "binary"));
        }
        Class<?> raw = raw(type);
        PayloadSchema stated = handler.formatSchemaOf(raw);
        if (stated != null) {
            ObjectNode schema = nodes.objectNode().put("schemaFormat", stated.schemaFormat());
            schema.set("schema", stated.schemaFormat().contains("json") ? JSON.readTree(stated.schema()) : nodes.stringNode(stated.schema()));
            return new Payload(name(type), contentType(stated.schemaFormat()), schema);
        }
        if (type == String.class) {
            return new Payload("Text", "text/plain", nodes.objectNode().put("type", "string"));
        }
        if (Document.class.isAssignableFrom(raw)) {
            return new Payload("XmlDocument", "application/xml", nodes.objectNode().put("type", "string"));
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return new Payload("Json", "application/json", nodes.objectNode().put("description", "any JSON"));
        }
        return new Payload(name(type), "application/json", jsonSchemas.createSchemaReference(type));
    }

    /** The schemas the JSON payloads refer to, for {@code components.schemas}; call once every payload was described. */
    ObjectNode components() {
        return jsonSchemas.collectDefinitions("components/schemas");
    }

    private static String contentType(String schemaFormat) {
        return schemaFormat.contains("avro") ? "avro/binary" : schemaFormat.contains("protobuf") ? "application/x-protobuf"
                : "application/octet-stream";
    }

    /** A message name: the class's simple name, with its type arguments ({@code ListOfDog}). */
    private static String name(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return raw(type).getSimpleName() + "Of" + Arrays.stream(parameterized.getActualTypeArguments()).map(PayloadSchemas::name)
                    .collect(Collectors.joining("And"));
        }
        return raw(type).getSimpleName().replaceAll("[^A-Za-z0-9_]", "");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : Object.class;
    }
}
