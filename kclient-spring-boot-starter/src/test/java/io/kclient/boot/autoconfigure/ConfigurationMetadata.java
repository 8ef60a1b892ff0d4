package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's configuration metadata, {@code META-INF/spring-configuration-metadata.json}, as the
 * build generated it (from the javadoc and initial values of the properties classes, merged with
 * {@code META-INF/additional-spring-configuration-metadata.json}): what IDEs complete and what the
 * configuration reference must list.
 */
final class ConfigurationMetadata {

    private ConfigurationMetadata() {
    }

    /** Every property the starter declares: {@code kclient.*} and the Actuator's {@code management.*.kclient.*}. */
    static List<JsonNode> properties() {
        try (InputStream metadata = ConfigurationMetadata.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).as("generated metadata on the class path").isNotNull();
            JsonNode root = JsonMapper.builder().build().readTree(metadata);
            return root.get("properties").valueStream().filter(property -> isKClients(name(property))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(JsonNode property) {
        return property.get("name").asString();
    }

    private static boolean isKClients(String name) {
        return name.startsWith("kclient.") || name.contains(".kclient.");
    }
}
