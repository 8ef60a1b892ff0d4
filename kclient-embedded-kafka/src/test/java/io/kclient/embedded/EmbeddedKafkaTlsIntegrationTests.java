package io.kclient.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.kclient.embedded.testing.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A broker whose client listener speaks TLS with certificates made at build: a client with the
 * cluster's trust store verifies the broker, host name included, and gets in; with mutual TLS only
 * a client with the cluster's client certificate does; the stores are gone once the cluster is closed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaTlsIntegrationTests {

    @Test
    void aClientThatTrustsTheClustersAuthorityProducesAndConsumes() throws Exception {
        Path stores;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().tls().build()) {
            kafka.start();
            Map<String, String> properties = kafka.clientProperties();
            assertThat(properties).containsEntry("security.protocol", "SSL").containsKey("ssl.truststore.location")
                    .doesNotContainKey("ssl.keystore.location");
            stores = Path.of(properties.get("ssl.truststore.location")).getParent();

            roundTrip(kafka, new HashMap<>(properties));
        }
        assertThat(stores).as("the stores are deleted with the cluster").doesNotExist();
    }

    @Test
    void mutualTlsLetsInOnlyAClientWithTheClustersCertificate() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().mutualTls().build()) {
            kafka.start();
            assertThat(kafka.clientProperties()).containsKey("ssl.keystore.location").containsKey("ssl.key.password");
            roundTrip(kafka, new HashMap<>(kafka.clientProperties()));

            Map<String, Object> anonymous = new HashMap<>(kafka.clientProperties());
            anonymous.keySet().removeIf(key -> key.startsWith("ssl.keystore.") || key.equals("ssl.key.password"));
            anonymous.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(anonymous)) {
                assertThatExceptionOfType(ExecutionException.class)
                        .isThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .withCauseInstanceOf(SslAuthenticationException.class);
            }
        }
    }

    @Test
    void saslAndTlsAreOneOrTheOther() {
        assertThatIllegalStateException().isThrownBy(() -> EmbeddedKafka.builder().saslScram("u", "pw").tls().build())
                .withMessageContaining("either SASL/SCRAM or TLS");
    }

    private static void roundTrip(EmbeddedKafka kafka, Map<String, Object> security) throws Exception {
        kafka.createTopics(1, (short) 1, "encrypted");
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(), security)) {
            producer.send(new ProducerRecord<>("encrypted", "k", "hello")).get();
        }
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), kafka.clientProperties())) {
            assertThat(probe.readAtLeast("encrypted", 1, Duration.ofSeconds(15))).singleElement()
                    .satisfies((record) -> assertThat(TopicProbe.text(record.value())).isEqualTo("hello"));
        }
        assertThat(Files.exists(Path.of((String) security.get("ssl.truststore.location")))).isTrue();
    }
}
