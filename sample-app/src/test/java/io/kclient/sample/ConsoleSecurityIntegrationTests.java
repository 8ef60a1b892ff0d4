package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.docs.ConsoleSecurityExample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console behind the kclient endpoint's own security (docs/operating.md's ConsoleSecurityExample):
 * nobody without credentials sees it, a viewer sees it read-only (the endpoint refuses the viewer's
 * POSTs, its "may I act?" among them), an operator may act.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleSecurityIntegrationTests {

    @DynamicPropertySource
    static void sharedKafka(DynamicPropertyRegistry registry) {
        OnSharedKafka.register(registry, "console-security");
    }

    @LocalServerPort
    int port;

    Http anonymous;
    Http viewer;
    Http operator;

    @TestConfiguration(proxyBeanMethods = false)
    @Import(ConsoleSecurityExample.class)
    static class Users {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("viewer").password("{noop}viewer-password").roles("VIEWER").build(),
                    User.withUsername("operator").password("{noop}operator-password").roles("OPERATOR").build());
        }
    }

    @BeforeEach
    void setUp() {
        anonymous = new Http(port);
        viewer = anonymous.withBasicAuth("viewer", "viewer-password");
        operator = anonymous.withBasicAuth("operator", "operator-password");
    }

    @Test
    void theConsoleIsAsProtectedAsTheEndpoint() {
        assertThat(anonymous.get("/actuator/kclient/console").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/kclient").statusCode()).isEqualTo(401);

        assertThat(viewer.get("/actuator/kclient/console").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/actuator/kclient").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/actuator/kclient/dogs/dead-letters").statusCode()).isEqualTo(200);
        assertThat(viewer.post("/actuator/kclient").statusCode()).as("the console's question: read-only").isEqualTo(403);
        assertThat(viewer.post("/actuator/kclient/dogs/pause").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/actuator/kclient/dogs/dead-letters/redrive", "{}").statusCode()).isEqualTo(403);

        assertThat(operator.post("/actuator/kclient").statusCode()).isEqualTo(200);
        assertThat(operator.post("/actuator/kclient").body()).contains("\"mayAct\":true");
        assertThat(operator.post("/actuator/kclient/dogs/pause").statusCode()).isEqualTo(200);
        assertThat(operator.post("/actuator/kclient/dogs/resume").statusCode()).isEqualTo(200);
    }
}
