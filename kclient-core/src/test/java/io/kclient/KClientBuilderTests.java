package io.kclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/** Delivery settings the builder checks before anything connects. */
class KClientBuilderTests {

    public static class Handler {
        public String onDog(String dog) {
            return dog;
        }
    }

    private final List<Map<String, Object>> producerConfigs = new ArrayList<>();

    @Test
    void aTransactionalIdOnAnAtLeastOnceHandlerFailsTheBuildNamingTheFix() {
        HandlerEndpoint endpoint = endpoint().with(HandlerSettings.PRODUCER_PROPERTIES, Map.of("transactional.id", "app-1")).build();
        assertThatThrownBy(() -> builder().endpoint(endpoint).build()).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("'transactional.id'").hasMessageContaining("at-least-once")
                .hasMessageContaining("delivery = Delivery.EXACTLY_ONCE");
    }

    @Test
    void anExactlyOnceHandlerMustNotReadUncommittedRecords() {
        HandlerEndpoint endpoint = endpoint().with(HandlerSettings.DELIVERY, Delivery.EXACTLY_ONCE)
                .with(HandlerSettings.CONSUMER_PROPERTIES, Map.of("isolation.level", "read_uncommitted")).build();
        assertThatThrownBy(() -> builder().endpoint(endpoint).build()).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("'isolation.level'").hasMessageContaining("exactly-once");
    }

    @Test
    void anEngineWideTransactionalIdNamesTheInstanceForExactlyOnceHandlersAndStaysOffTheSharedProducers() {
        try (KClient kclient = builder().producerProperties(Map.of("transactional.id", "app-1"))
                .endpoint(endpoint().id("plain").build())
                .endpoint(endpoint().id("exact").with(HandlerSettings.DELIVERY, Delivery.EXACTLY_ONCE).build())
                .build()) {
            assertThat(kclient.container("plain").delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
            assertThat(kclient.container("exact").delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
            assertThat(producerConfigs).as("the shared producer, made at build").singleElement()
                    .satisfies(config -> assertThat(config).doesNotContainKey("transactional.id"));
        }
    }

    private KClient.Builder builder() {
        return KClient.builder().bootstrapServers("localhost:9").producerFactory(config -> {
            producerConfigs.add(config);
            return new MockProducer<>();
        });
    }

    private static HandlerEndpoint.Builder endpoint() {
        try {
            return HandlerEndpoint.builder(new Handler(), Handler.class.getMethod("onDog", String.class)).topics("dogs")
                    .outputTopic("cats");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
