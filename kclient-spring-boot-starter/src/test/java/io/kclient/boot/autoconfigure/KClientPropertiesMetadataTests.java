package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.config.HandlerSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
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
            "kclient.defaults.retry-topics.delays", // a list, empty: no retry topics
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

    /**
     * The defaults IDEs show for kclient.defaults.* are the engine's: bound as properties, they make
     * the engine's own defaults, and every handler setting with a default has its property.
     */
    @Test
    void theDefaultsShownAreTheEngines() {
        Map<String, String> shown = new LinkedHashMap<>();
        properties.stream().filter(property -> property.get("name").asString().startsWith("kclient.defaults.") && property.has("defaultValue"))
                .forEach(property -> shown.put(property.get("name").asString(), text(property.get("defaultValue"))));
        KClientProperties bound = new Binder(new MapConfigurationPropertySource(shown)).bind("kclient", KClientProperties.class).get();

        assertThat(bound.buildDefaults()).as("all but the Kafka properties, which kclient.consumer/producer.properties set, "
                + "and the empty list of retry topics and map of format settings").isEqualTo(HandlerSettings.DEFAULTS
                        .with(HandlerSettings.CONSUMER_PROPERTIES, null).with(HandlerSettings.PRODUCER_PROPERTIES, null)
                        .with(HandlerSettings.RETRY_TOPICS, null).with(HandlerSettings.FORMAT, null));
    }

    private static String text(JsonNode value) {
        return value.asString();
    }
}
