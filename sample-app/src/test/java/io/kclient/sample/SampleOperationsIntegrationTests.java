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

    @Test
    void listsADeadLetterAndRedrivesItOverHttp() {
        String name = "Nameless-" + System.nanoTime();
        assertThat(http.post(DOGS + "?key=" + name, "{\"name\":\"" + name + "\",\"age\":3}").statusCode()).isEqualTo(202);
        JsonNode letter = await().atMost(WAIT).until(() -> deadLetter(name, 0), java.util.Objects::nonNull);
        assertThat(letter.get("exceptionClass").asString()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(letter.get("exceptionMessage").asString()).isEqualTo("a dog needs an id");
        assertThat(letter.get("originTopic").asString()).isEqualTo("operations.dogs");
        assertThat(letter.get("redriven").asBoolean()).isFalse();

        String origin = "{\"originTopic\":\"operations.dogs\",\"originPartition\":" + letter.get("originPartition").asInt()
                + ",\"originOffset\":" + letter.get("originOffset").asLong() + "}";
        JsonNode redrive = ok(http.post("/actuator/kclient/dogs/dead-letters/redrive", origin));
        assertThat(redrive.get("redriven").asInt()).isEqualTo(1);
        assertThat(redrive.get("complete").asBoolean()).isTrue();
        assertThat(await().atMost(WAIT).until(() -> deadLetter(name, 1), java.util.Objects::nonNull).get("redriveCount").asInt())
                .as("it failed again, and came back counted").isEqualTo(1);
        assertThat(deadLetter(name, 0).get("redriven").asBoolean()).isTrue();
        assertThat(ok(http.post("/actuator/kclient/dogs/dead-letters/redrive", origin)).get("redriven").asInt())
                .as("nothing twice").isZero();

        HttpResponse<String> tooMany = http.get("/actuator/kclient/dogs/dead-letters?limit=1000");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooMany.body()).get("error").asString()).contains("limit must be between 1 and 100");
        HttpResponse<String> badTime = http.post("/actuator/kclient/dogs/dead-letters/redrive", "{\"from\":\"yesterday\"}");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badTime.body()).get("error").asString()).contains("write it as 2026-12-01T10:00:00Z");
        assertThat(http.get("/actuator/kclient/nobody/dead-letters").statusCode()).isEqualTo(400);
    }

    @Test
    void servesTheConsoleAndWhatItReads() {
        HttpResponse<String> console = http.get("/actuator/kclient/console");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'", "script-src 'sha256-", "connect-src 'self'"));
        assertThat(console.body()).contains("<title>KClient operations</title>");
        assertThat(http.post("/actuator/kclient/console").statusCode()).as("the page takes no POST").isEqualTo(405);

        assertThat(ok(http.post("/actuator/kclient")).get("mayAct").asBoolean()).isTrue();
        JsonNode activity = ok(http.get("/actuator/kclient/dogs/activity"));
        assertThat(activity.get("intervalSeconds").asInt()).isEqualTo(5);
        assertThat(activity.get("samples").isArray()).isTrue();
        assertThat(http.get("/actuator/kclient/dogs/history").statusCode()).isEqualTo(400);
    }

    /** The dogs handler's dead letter of the dog named {@code name} redriven {@code redrives} times before, or {@code null}. */
    private JsonNode deadLetter(String name, int redrives) {
        for (JsonNode letter : ok(http.get("/actuator/kclient/dogs/dead-letters?limit=100")).get("deadLetters")) {
            if (letter.get("payload").asString().contains(name) && letter.get("redriveCount").asInt() == redrives) {
                return letter;
            }
        }
        return null;
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
