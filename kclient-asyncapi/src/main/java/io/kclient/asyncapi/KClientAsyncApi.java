package io.kclient.asyncapi;

import io.kclient.KClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AsyncAPI 3 document of the application's handlers, as the engine runs them (every
 * {@code kclient.*} setting applied). Built once, at the first call, from the engine: its handlers
 * do not change while it runs.
 */
public final class KClientAsyncApi {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Supplier<KClient> engine;
    private final AsyncApiInfo info;
    private volatile JsonNode document;

    /**
     * @param engine the engine, asked at the first call (it is built once every singleton exists)
     * @param info the title, version, description and servers of the document
     */
    public KClientAsyncApi(Supplier<KClient> engine, AsyncApiInfo info) {
        this.engine = engine;
        this.info = info;
    }

    /** The document, as a JSON tree. */
    public JsonNode document() {
        JsonNode built = document;
        if (built == null) {
            built = AsyncApiDocumentBuilder.build(info, engine.get().describe());
            document = built;
        }
        return built;
    }

    /** The document as indented JSON text. */
    public String json() {
        return JSON.writeValueAsString(document());
    }

    /** Writes the document to {@code file} as JSON, creating its directory. */
    public void write(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, json());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the AsyncAPI document to " + file.toAbsolutePath(), e);
        }
    }
}
