package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** IDEs complete and explain every property: the metadata generated from the javadoc has a description for each. */
class ConfigurationMetadataTests {

    @Test
    void everyKClientPropertyHasADescription() throws IOException {
        JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
        List<String> undocumented = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("kclient.") && (!property.has("description") || property.get("description").asString().isBlank())) {
                undocumented.add(name);
            }
        }
        assertThat(undocumented).isEmpty();
        assertThat(metadata.get("properties").findValuesAsString("name"))
                .contains("kclient.health.stall-timeout", "management.health.kclient.enabled");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ConfigurationMetadataTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }
}
