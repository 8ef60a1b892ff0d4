package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.annotation.InputConsumer;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code kclient.handlers.<id>.*} reaches a handler whose id has capitals or dots (the default
 * {@code bean.method}) from environment variables, as containers and Kubernetes set them, and from
 * files without brackets: ids are matched the way Spring Boot matches names from the environment.
 */
class HandlerIdsFromEnvironmentTests {

    private final ApplicationContextRunner runner = MockKafkaClients.runner()
            .withBean("orderHandlers", OrderHandlers.class).withBean("animalsHandler", AnimalsHandler.class);

    @Test
    void anEnvironmentVariableSetsAHandlerWhoseIdHasCapitals() {
        withEnvironment(Map.of("KCLIENT_HANDLERS_ORDEREVENTS_CONCURRENCY", "4"), Map.of())
                .run(context -> assertThat(concurrency(context, "orderEvents")).isEqualTo(4));
    }

    @Test
    void anEnvironmentVariableSetsAHandlerWithADefaultId() {
        withEnvironment(Map.of("KCLIENT_HANDLERS_ANIMALSHANDLER_ONDOG_CONCURRENCY", "3",
                "KCLIENT_HANDLERS_ANIMALSHANDLER_ONDOG_CONSUMER_PROPERTIES_MAX_POLL_RECORDS", "50"), Map.of())
                .run(context -> {
                    assertThat(concurrency(context, "animalsHandler.onDog")).isEqualTo(3);
                    assertThat(context.getBean(MockKafkaClients.class).consumerConfigOf(client(context), "animalsHandler.onDog"))
                            .containsEntry("max.poll.records", "50");
                });
    }

    @Test
    void aFileSetsAHandlerWithADefaultIdWithOrWithoutBrackets() {
        withEnvironment(Map.of(), Map.of("kclient.handlers.animalsHandler.onDog.concurrency", "2",
                "kclient.handlers[orderEvents].concurrency", "5")).run(context -> {
                    assertThat(concurrency(context, "animalsHandler.onDog")).isEqualTo(2);
                    assertThat(concurrency(context, "orderEvents")).isEqualTo(5);
                });
    }

    @Test
    void anEnvironmentVariableWinsOverTheFileWhateverTheFormOfEither() {
        withEnvironment(Map.of("KCLIENT_HANDLERS_ORDEREVENTS_CONCURRENCY", "8"),
                Map.of("kclient.handlers[orderEvents].concurrency", "2", "kclient.handlers[orderEvents].max-in-flight", "70"))
                .run(context -> {
                    assertThat(concurrency(context, "orderEvents")).isEqualTo(8);
                    assertThat(client(context).container("orderEvents").settings().maxInFlight()).isEqualTo(70);
                });
    }

    @Test
    void anEnvironmentVariableNamingNoHandlerFailsTheStartNamingIt() {
        withEnvironment(Map.of("KCLIENT_HANDLERS_ORDERVENTS_CONCURRENCY", "4"), Map.of())
                .run(context -> assertThat(configurationError(context))
                        .hasMessageContaining("KCLIENT_HANDLERS_ORDERVENTS_CONCURRENCY")
                        .hasMessageContaining("names no handler")
                        .hasMessageContaining("[animalsHandler.onDog, orderEvents]"));
    }

    @Test
    void aMisspeltSettingFromTheEnvironmentFailsTheStartNamingIt() {
        withEnvironment(Map.of("KCLIENT_HANDLERS_ORDEREVENTS_CONCURENCY", "4"), Map.of())
                .run(context -> assertThat(configurationError(context)).hasMessageContaining("concurency"));
    }

    /**
     * The process environment replaced by {@code variables}, and {@code file} as application.properties,
     * below it as Spring Boot puts it.
     */
    private ApplicationContextRunner withEnvironment(Map<String, Object> variables, Map<String, Object> file) {
        return runner.withInitializer(context -> {
            var sources = context.getEnvironment().getPropertySources();
            sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new MapPropertySource("Config resource 'class path resource [application.properties]'", file));
        });
    }

    private static io.kclient.KClient client(AssertableApplicationContext context) {
        return context.getBean(KClientEndpointRegistry.class).getClient();
    }

    private static int concurrency(AssertableApplicationContext context, String id) {
        return client(context).container(id).settings().concurrency();
    }

    public static class OrderHandlers {

        @InputConsumer(id = "orderEvents", topics = "orders")
        public void onOrder(String order) {
        }
    }

    public static class AnimalsHandler {

        @InputConsumer(topics = "dogs")
        public void onDog(String dog) {
        }
    }
}
