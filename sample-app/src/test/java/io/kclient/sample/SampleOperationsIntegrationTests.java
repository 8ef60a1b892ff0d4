package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The operator's view over HTTP, as docs/operating.md's curl calls: handlers listed, dogs paused and resumed, health and metrics read. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleOperationsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DOGS = "/api/messages/operations.dogs";
    private static final String CATS = "/api/messages/operations.cats";

    @DynamicPropertySource
    static void sharedKafka(DynamicPropertyRegistry registry) {
        OnSharedKafka.register(registry, "operations");
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void listsTheHandlers() {
        JsonNode handlers = ok(http.get("/actuator/kclient")).get("handlers");

        assertThat(handlers.findValuesAsString("id")).containsExactlyInAnyOrder("dogs", "cats");
        JsonNode dogs = ok(http.get("/actuator/kclient/dogs"));
        assertThat(dogs.get("topics").asString()).isEqualTo("operations.dogs");
        assertThat(dogs.get("output").asString()).isEqualTo("operations.cats");
        assertThat(dogs.get("concurrency").asInt()).isEqualTo(4);
        assertThat(dogs.get("state").asString()).isEqualTo("RUNNING");
        assertThat(http.get("/actuator/kclient/nobody").statusCode()).isEqualTo(404);
    }

    /**
     * The endpoint's wiring: pause and resume reach the handler, and a dog posted while it is
     * paused gets its cat once it is resumed. That a paused handler fetches nothing is shown where
     * it can be without waiting on the clock: HandlerContainerTests (a mock consumer's polls) and
     * OperationsIntegrationTests (the poll loop's samples, on a real broker).
     */
    @Test
    void pausingDogsHoldsItsRecordsAndResumingLetsThemThrough() {
        assertThat(ok(http.post("/actuator/kclient/dogs/pause")).get("state").asString()).isEqualTo("PAUSED");
        assertThat(http.post(DOGS + "?key=p1", "{\"id\":\"p1\",\"name\":\"Rex\",\"age\":3}").statusCode())
                .isEqualTo(202);
        assertThat(ok(http.get("/actuator/kclient/dogs")).get("state").asString()).isEqualTo("PAUSED");

        assertThat(ok(http.post("/actuator/kclient/dogs/resume")).get("state").asString()).isEqualTo("RUNNING");
        await().atMost(WAIT).until(() -> http.get(CATS + "?limit=1000").body().contains("\"p1\""));
        assertThat(http.post("/actuator/kclient/dogs/stop").statusCode()).isEqualTo(400);
    }

    @Test
    void healthShowsEachHandlerAndMetricsCountItsRecords() {
        assertThat(http.post(DOGS + "?key=m1", "{\"id\":\"m1\",\"name\":\"Rex\",\"age\":3}").statusCode())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> http.get("/actuator/metrics/kclient.records.handled?tag=handler:dogs").statusCode() == 200);

        JsonNode health = ok(http.get("/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode kclient = health.get("components").get("kclient");
        assertThat(kclient.get("status").asString()).isEqualTo("UP");
        assertThat(kclient.get("details").get("handlers").get("dogs").get("state").asString()).isEqualTo("RUNNING");
        assertThat(ok(http.get("/actuator/kclient/dogs")).get("lastCompletion").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode handled = ok(http.get("/actuator/metrics/kclient.records.handled?tag=handler:dogs"));
        assertThat(handled.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
