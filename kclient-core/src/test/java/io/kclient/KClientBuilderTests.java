package io.kclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivery settings the builder checks before anything connects. */
class KClientBuilderTests {

    public static class Handler {
        public String onDog(String dog) {
            return dog;
        }
    }

    private final MockClients mocks = new MockClients();

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
            assertThat(mocks.producerConfigs).as("nothing connects before a record needs it").isEmpty();

            mocks.feed(kclient, "plain", "dogs", "Rex");

            assertThat(mocks.awaitSent("cats").value()).asString().isEqualTo("Rex");
            assertThat(mocks.producerConfigs).as("the shared producer").singleElement()
                    .satisfies(config -> assertThat(config).doesNotContainKey("transactional.id"));
        }
    }

    private KClient.Builder builder() {
        return mocks.onto(KClient.builder().bootstrapServers("localhost:9"));
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
