package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.spring.config.KClientEndpointRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Handlers run as long as the web server takes requests: they start before it opens and stop
 * after it closed and, with graceful shutdown, after the requests under way finished, so a
 * request can call the application's own handlers (over RPC) until it completes. Spring Boot's
 * own web server lifecycles, on a web server that records what it saw and opens no port.
 */
class ShutdownOrderTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner(
            AnnotationConfigServletWebServerApplicationContext::new)
            .withConfiguration(AutoConfigurations.of(KClientAutoConfiguration.class))
            .withUserConfiguration(MockKafkaClients.class, ExistingTopics.class, RecordingWebServerFactory.class)
            .withBean("animals", Animals.class)
            .withPropertyValues("kclient.bootstrap-servers=localhost:9092");

    @Test
    void handlersRunWhileTheWebServerTakesAndFinishesRequests() {
        Steps steps = new Steps();
        runner.withBean(Steps.class, () -> steps).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KClientEndpointRegistry.class).isRunning()).isTrue();
            context.close();
        });

        assertThat(steps.handlersRunning).as("handler state at each step of the web server's life").containsExactlyInAnyOrderEntriesOf(Map.of(
                "web server started", true,
                "graceful shutdown: requests under way finishing", true,
                "web server stopped", true));
    }

    @Configuration(proxyBeanMethods = false)
    static class ExistingTopics {

        @Bean
        KClientBuilderCustomizer existingTopics() {
            return builder -> builder.adminFactory(config -> MockKafkaClients.adminListing("dogs", "cats", "dogs.DLT", "cats.DLT"));
        }
    }

    /** Whether the handlers ran, at each step of the web server's life. */
    static final class Steps {

        final Map<String, Boolean> handlersRunning = new ConcurrentHashMap<>();
    }

    /** A web server that notes, at each step of its life, whether the handlers run. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingWebServerFactory {

        @Bean
        ServletWebServerFactory recordingWebServerFactory(ApplicationContext context, Steps steps) {
            Map<String, Boolean> record = steps.handlersRunning;
            return initializers -> new WebServer() {

                private KClientEndpointRegistry registry;

                private boolean handlersRunning() {
                    return registry.isRunning();
                }

                @Override
                public void start() {
                    registry = context.getBean(KClientEndpointRegistry.class);
                    record.put("web server started", handlersRunning());
                }

                @Override
                public void shutDownGracefully(GracefulShutdownCallback callback) {
                    record.put("graceful shutdown: requests under way finishing", handlersRunning());
                    callback.shutdownComplete(GracefulShutdownResult.IDLE);
                }

                @Override
                public void stop() {
                    record.putIfAbsent("web server stopped", handlersRunning()); // destroy() stops it again
                }

                @Override
                public int getPort() {
                    return -1;
                }
            };
        }
    }
}
