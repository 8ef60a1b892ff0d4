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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The sample as a user meets it: its own in-process broker (so not the test JVM's shared one: the
 * sample starting its broker is part of what is tested), a dog posted over HTTP, a cat read back
 * over HTTP. Free ports and a temporary data directory keep it apart from a running sample.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kclient.embedded.port=0", "kclient.embedded.data-dir=", "sample.api.max-payload-bytes=1024"})
class SampleApplicationIntegrationTests {

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
    void aPostedDogBecomesACatWithTheSameIdAndKey() {
        HttpResponse<String> posted = http.post("/api/messages/dogs?key=d1", "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");

        assertThat(posted.statusCode()).isEqualTo(202);
        JsonNode where = json.readTree(posted.body());
        assertThat(where.get("topic").asString()).isEqualTo("dogs");
        assertThat(where.get("partition").isInt()).isTrue();
        assertThat(where.get("offset").isNumber()).isTrue();

        JsonNode cat = http.awaitRecord("cats", "d1");
        assertThat(cat.get("value").get("id").asString()).isEqualTo("d1");
        assertThat(cat.get("value").get("name").asString()).isEqualTo("Rex");
        assertThat(cat.get("value").get("age").asInt()).isEqualTo(3);
        assertThat(cat.get("timestamp").isNumber()).isTrue();
    }

    @Test
    void aDogWithoutIdEndsOnTheDeadLetterTopic() {
        assertThat(http.post("/api/messages/dogs?key=nobody", "{\"name\":\"Ghost\",\"age\":1}").statusCode()).isEqualTo(202);

        JsonNode dead = http.awaitRecord("dogs.DLT", "nobody");
        assertThat(dead.get("value").get("name").asString()).isEqualTo("Ghost");
    }

    @Test
    void badInputGetsAClear4xx() {
        assertThat(http.post("/api/messages/dogs", "{not json").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/messages/dogs", "").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/messages/no-such-topic", "{}").statusCode()).isEqualTo(404);
        assertThat(http.post("/api/messages/dogs", "{\"name\":\"" + "x".repeat(2000) + "\"}").statusCode()).isEqualTo(413);
        assertThat(http.get("/api/messages/no-such-topic").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/messages/cats?limit=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/messages/cats?limit=many").statusCode()).isEqualTo(400);
        HttpResponse<String> problem = http.post("/api/messages/dogs", "{not json");
        assertThat(problem.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(problem.body()).contains("not valid JSON");
    }

    @Test
    void readsTheLastRecordsOfATopicOldestFirst() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/messages/dogs?key=same", "{\"id\":\"s" + i + "\",\"name\":\"Rex\",\"age\":" + i + "}")
                    .statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode last = json.readTree(http.get("/api/messages/cats?limit=1000").body());
            assertThat(last.findValuesAsString("id")).contains("s0", "s1", "s2", "s3", "s4");
        });
        JsonNode lastTwo = json.readTree(http.get("/api/messages/dogs?limit=2").body());
        assertThat(lastTwo).hasSize(2);
        assertThat(lastTwo.get(0).get("timestamp").asLong()).isLessThanOrEqualTo(lastTwo.get(1).get("timestamp").asLong());
    }
}
