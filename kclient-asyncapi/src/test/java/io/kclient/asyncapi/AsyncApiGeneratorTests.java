package io.kclient.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.asyncapi.app.KennelApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The build-time writer: the document of an application whose servers the build cannot even resolve, without starting anything. */
class AsyncApiGeneratorTests {

    @Test
    void writesTheDocumentOfAnApplicationWithoutConnectingNamingItsServers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("asyncapi.json");

        AsyncApiGenerator.main(new String[] {KennelApplication.class.getName(), file.toString(),
                "--kclient.bootstrap-servers=kafka.internal.invalid:9092", "--kclient.asyncapi.version=2.3.0",
                "--kclient.handlers.legacy.format.avro.schema={\"type\":\"record\",\"name\":\"D\",\"fields\":[]}"});

        JsonNode document = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(AsyncApiSchema.violations(document)).isEmpty();
        assertThat(document.at("/info/version").asString()).isEqualTo("2.3.0");
        assertThat(document.at("/servers/kafka/host").asString()).isEqualTo("kafka.internal.invalid:9092");
        assertThat(document.at("/channels/dogs/address").asString()).isEqualTo("dogs");
    }
}
