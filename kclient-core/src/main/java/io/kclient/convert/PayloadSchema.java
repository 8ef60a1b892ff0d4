package io.kclient.convert;

import java.util.Objects;

/**
 * The schema of a payload type as its format states it.
 *
 * @param schemaFormat the schema's media type, as AsyncAPI names them: for example
 *     {@code application/vnd.apache.avro+json;version=1.9.0}
 * @param schema the schema in that format: an Avro schema's JSON, a Protobuf message's definition
 */
public record PayloadSchema(String schemaFormat, String schema) {

    public PayloadSchema {
        Objects.requireNonNull(schemaFormat, "schemaFormat");
        Objects.requireNonNull(schema, "schema");
    }
}
