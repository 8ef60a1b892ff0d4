package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.asyncapi.AsyncApiSchema;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The sample's AsyncAPI document, as /actuator/asyncapi serves it, against AsyncAPI's official 3.0.0
 * schema. The configuration is SampleApplicationIntegrationTests': one cached context, so one
 * application and its own broker for both (the document names the sample's own topics).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kclient.embedded.port=0", "kclient.embedded.data-dir=", "sample.api.max-payload-bytes=1024"})
class SampleAsyncApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Test
    void theSamplesDocumentIsAValidAsyncApi3DocumentOfItsHandlers() {
        HttpResponse<String> response = new Http(port).get("/actuator/asyncapi");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());

        assertThat(AsyncApiSchema.violations(document)).isEmpty();
        assertThat(document.at("/info/title").asString()).isEqualTo("kclient-sample");
        assertThat(document.at("/channels/dogs/address").asString()).isEqualTo("dogs");
        assertThat(document.at("/channels/dogs.DLT/address").asString()).isEqualTo("dogs.DLT");
        assertThat(document.at("/operations/dogs.receive.dogs/action").asString()).isEqualTo("receive");
        assertThat(document.at("/operations/dogs.send.cats/channel/$ref").asString()).isEqualTo("#/channels/cats");
        assertThat(document.at("/operations/cats.receive.cats/action").asString()).isEqualTo("receive");
        assertThat(document.at("/components/schemas/Dog/properties/age/type").asString()).isEqualTo("integer");
    }
}
