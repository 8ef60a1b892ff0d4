package io.kclient.asyncapi;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The official JSON schema of AsyncAPI 3.0.0 ({@code @asyncapi/specs}, see
 * {@code src/test/resources/asyncapi/README.md}), checking documents with networknt's validator.
 * Shared with the sample app's test through this module's test jar.
 */
public final class AsyncApiSchema {

    private static final Schema SCHEMA = load();

    private AsyncApiSchema() {
    }

    /** What in {@code document} breaks the schema; empty when it is a valid AsyncAPI 3.0.0 document. */
    public static List<String> violations(JsonNode document) {
        return SCHEMA.validate(document).stream().map(Error::toString).toList();
    }

    private static Schema load() {
        try (InputStream schema = AsyncApiSchema.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.json")) {
            if (schema == null) {
                throw new IllegalStateException("asyncapi/asyncapi-3.0.0.json is not on the class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
