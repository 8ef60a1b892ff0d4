package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kclient.docs.ApiSecurityExample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The sample's REST API behind Spring Security (HTTP basic, as docs/security.md shows) and under abuse:
 * no credentials get a 401, the allow-lists keep other topics out of reach of POST and GET, an
 * oversized or deeply nested body is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.api.max-payload-bytes=1024")
class ApiSecurityIntegrationTests {

    private static final String DOG = "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}";
    private static final String DOGS = "/api/messages/security.dogs";
    private static final String CATS = "/api/messages/security.cats";

    @DynamicPropertySource
    static void sharedKafka(DynamicPropertyRegistry registry) {
        OnSharedKafka.register(registry, "security");
    }

    @LocalServerPort
    int port;

    Http anonymous;
    Http operator;

    /** The protection docs/security.md shows (ApiSecurityExample), with an in-memory user for the test. */
    @TestConfiguration(proxyBeanMethods = false)
    @Import(ApiSecurityExample.class)
    static class BasicAuthentication {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}ops-password").roles("PUBLISHER").build());
        }
    }

    @BeforeEach
    void setUp() {
        anonymous = new Http(port);
        operator = anonymous.withBasicAuth("ops", "ops-password");
    }

    @Test
    void withoutCredentialsThereIsNothingButA401() {
        assertThat(anonymous.post(DOGS + "?key=d1", DOG).statusCode()).isEqualTo(401);
        assertThat(anonymous.get(CATS).statusCode()).isEqualTo(401);
        assertThat(anonymous.withBasicAuth("ops", "guess").post(DOGS + "?key=d1", DOG).statusCode()).isEqualTo(401);

        assertThat(operator.post(DOGS + "?key=d1", DOG).statusCode()).isEqualTo(202);
        assertThat(operator.get(DOGS).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAllowedTopicsArePublishedTo() {
        // the dogs' dead-letter topic and the consumer offsets exist, but the API publishes only to dogs and cats
        for (String topic : new String[] {"security.dogs.DLT", "__consumer_offsets", "no-such-topic"}) {
            var answer = operator.post("/api/messages/" + topic, "{}");
            assertThat(answer.statusCode()).as(topic).isEqualTo(404);
            assertThat(answer.body()).contains("does not exist or is not in sample.api.allowed-topics");
        }
        assertThat(operator.post(CATS + "?key=c1", "{\"id\":\"c1\",\"name\":\"Tom\",\"age\":2}").statusCode())
                .isEqualTo(202);
    }

    @Test
    void onlyReadableTopicsAreRead() {
        // the cats' dead-letter topic (CatsHandler's) and the consumer offsets exist, but are not read by default
        for (String topic : new String[] {"security.cats.DLT", "__consumer_offsets", "no-such-topic"}) {
            var answer = operator.get("/api/messages/" + topic);
            assertThat(answer.statusCode()).as(topic).isEqualTo(404);
            assertThat(answer.body()).contains("does not exist or is not in sample.api.readable-topics");
        }
        for (String topic : new String[] {"security.dogs", "security.cats", "security.dogs.DLT"}) {
            assertThat(operator.get("/api/messages/" + topic).statusCode()).as(topic).isEqualTo(200);
        }
    }

    @Test
    void oversizedAndDeeplyNestedBodiesAreRefused() {
        byte[] big = ("{\"name\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String deep = "[".repeat(510) + "]".repeat(510); // 1020 bytes: under the size limit, over Jackson's depth of 500

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(operator.post(DOGS, new String(big, StandardCharsets.UTF_8)).statusCode()).isEqualTo(413);
            var chunked = operator.postChunked(DOGS, big);
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(chunked.body()).contains("more than 1024 bytes");
            assertThat(operator.post(DOGS, "[".repeat(400) + "]".repeat(400)).statusCode()).isEqualTo(202);
            assertThat(operator.post(DOGS, deep).statusCode()).isEqualTo(400);
        });
    }
}
