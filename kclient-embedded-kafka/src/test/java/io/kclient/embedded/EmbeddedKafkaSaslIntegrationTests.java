package io.kclient.embedded;

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
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A broker whose client listener requires SASL/SCRAM-SHA-256: the user given to the builder gets
 * in, a wrong password and an unauthenticated client do not.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedKafkaSaslIntegrationTests {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().saslScram("kclient", "s3cret-pw").build();
        kafka.start();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void theUserProducesAndConsumesWithTheClientProperties() throws Exception {
        kafka.createTopics(1, (short) 1, "secured");
        Map<String, Object> security = new HashMap<>(kafka.clientProperties());

        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(), security)) {
            producer.send(new ProducerRecord<>("secured", "k", "hello")).get();
        }

        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), kafka.clientProperties())) {
            assertThat(probe.readAtLeast("secured", 1, Duration.ofSeconds(15))).singleElement()
                    .satisfies((record) -> assertThat(TopicProbe.text(record.value())).isEqualTo("hello"));
        }
        assertThat(kafka.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"kclient\" password=\"wrong\";");
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());

        try (Admin admin = Admin.create(config)) {
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .withCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void anUnauthenticatedClientGetsNothing() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);

        try (Admin admin = Admin.create(config)) {
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
    }
}
