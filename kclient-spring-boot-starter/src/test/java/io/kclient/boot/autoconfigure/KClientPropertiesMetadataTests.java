package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The configuration metadata IDEs complete {@code kclient.*} properties from: generated from the
 * javadoc and initial values of {@link KClientProperties}, merged with
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 */
class KClientPropertiesMetadataTests {

    /** Properties with no single default value, and why; docs/configuration.md and their description say what applies. */
    private static final Set<String> NO_DEFAULT = Set.of(
            "kclient.bootstrap-servers",     // spring.kafka.bootstrap-servers, else required
            "kclient.consumer.group-id",     // each handler's id
            "kclient.properties",            // maps of Kafka properties: the engine's own defaults apply
            "kclient.consumer.properties",
            "kclient.producer.properties",
            "kclient.defaults.format",       // payload format settings: each format's own defaults apply
            "kclient.handlers",              // per handler: unset means the annotation's or the default
            "kclient.rpc.reply-topic");      // kclient-replies-<host name>, known only at run time

    private final List<JsonNode> properties = ConfigurationMetadata.properties().stream()
            .filter(property -> ConfigurationMetadata.name(property).startsWith("kclient.")).toList();

    @Test
    void everyPropertyHasADescription() {
        assertThat(properties).isNotEmpty().allSatisfy(property -> assertThat(property.path("description").asString(""))
                .as(property.get("name").asString()).isNotBlank());
    }

    @Test
    void everyPropertyWithASingleDefaultNamesIt() {
        assertThat(properties).filteredOn(property -> !NO_DEFAULT.contains(property.get("name").asString()))
                .allSatisfy(property -> assertThat(property.has("defaultValue")).as(property.get("name").asString()).isTrue());
    }

    @Test
    void everyPropertyOfTheStarterIsDescribed() {
        assertThat(properties).extracting(property -> property.get("name").asString())
                .contains("kclient.bootstrap-servers", "kclient.defaults.max-payload-bytes", "kclient.observation.enabled",
                        "kclient.handlers", "kclient.embedded.port");
    }
}
