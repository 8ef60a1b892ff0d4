package io.kclient.asyncapi;

import java.util.List;
import java.util.Objects;

/**
 * What a document says of the application besides its handlers.
 *
 * @param title the application's name
 * @param version the version of its event API
 * @param description what it does, or {@code null}
 * @param servers the Kafka bootstrap servers ({@code host:port}), each a server of the document
 */
public record AsyncApiInfo(String title, String version, String description, List<String> servers) {

    public AsyncApiInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
        servers = List.copyOf(servers);
    }
}
