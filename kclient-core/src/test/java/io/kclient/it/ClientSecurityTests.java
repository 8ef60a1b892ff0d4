package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.KClient;
import io.kclient.MockClients;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SSL and SASL settings given once reach every client KClient creates, the dead-letter producer of
 * a handler with its own producer settings included; KClient's own log of them hides the secrets.
 * Mock clients: no broker.
 */
class ClientSecurityTests {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"svc\" password=\"jaas-Secret-1\";";
    private static final Map<String, String> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", JAAS,
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "ssl.truststore.password", "trust-Secret-2",
            "ssl.keystore.password", "key-Secret-3");

    private final MockClients mocks = new MockClients();

    @Test
    void securitySettingsReachTheAdminTheConsumersAndEveryProducer() throws Exception {
        try (LogCapture logs = new LogCapture(); KClient kclient = client()) {
            assertThatThrownBy(kclient::start).hasMessage("admin captured");
            mocks.feed(kclient, "failing.onDog", "secure.dogs", "{not json"); // its dead letter needs the shared producer
            mocks.feed(kclient, "own", "loud-dogs", "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");
            mocks.awaitSent("secure.dogs.DLT");
            mocks.awaitSent("loud-cats");

            assertThat(mocks.adminConfigs).hasSize(1);
            assertThat(mocks.consumerConfigs).hasSize(2);
            assertThat(mocks.producerConfigs).as("the shared producer and the one with the handler's own settings").hasSize(2);
            for (Map<String, Object> config : concat(mocks.adminConfigs, mocks.consumerConfigs, mocks.producerConfigs)) {
                assertThat(config).containsAllEntriesOf(SECURITY).containsEntry("bootstrap.servers", "broker:9093");
            }
            assertThat(mocks.producerConfigs).anySatisfy(config -> assertThat(config).containsEntry("linger.ms", 50));

            assertThat(logs.events()).anySatisfy(event -> assertThat(event).contains("Connecting to the Kafka cluster")
                    .contains("security.protocol=SASL_SSL").contains("sasl.jaas.config=[hidden]")
                    .contains("ssl.truststore.location=/etc/kafka/truststore.p12"));
            assertThat(logs.events()).noneSatisfy(event -> assertThat(event).containsAnyOf("Secret-1", "Secret-2", "Secret-3"));
        }
    }

    private KClient client() throws NoSuchMethodException {
        Animals.Failing handlers = new Animals.Failing();
        HandlerEndpoint ownProducer = HandlerEndpoint.builder(handlers, Animals.Failing.class.getMethod("onDog", Animals.Dog.class))
                .id("own").topics("loud-dogs").outputTopic("loud-cats").with(HandlerSettings.PRODUCER_PROPERTIES, Map.of("linger.ms", 50)).build();
        return mocks.onto(KClient.builder()
                .bootstrapServers("broker:9093")
                .clientProperties(SECURITY)
                .placeholders(value -> value.replace("${prefix}", "secure"))
                .handlers(handlers)
                .endpoint(ownProducer))
                .build();
    }

    @SafeVarargs
    private static List<Map<String, Object>> concat(List<Map<String, Object>>... lists) {
        return java.util.stream.Stream.of(lists).flatMap(List::stream).toList();
    }
}
