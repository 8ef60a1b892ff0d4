package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.embedded.EmbeddedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.listener.DeadLetterPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KClient against a broker that requires SASL/SCRAM-SHA-256 on its only client listener: the
 * settings given once reach the admin client, the consumers, the output and the dead-letter
 * producer, the publisher and the RpcClient; wrong credentials fail the start once, clearly; the
 * password is never logged.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecuredClusterIntegrationTests {

    private static final String PASSWORD = "Pw-4f9c2b7e-never-logged";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A broker of this class's own: it requires SASL, which the shared one does not. */
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().saslScram("kclient", PASSWORD).build();
        kafka.start();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void everyClientConnectsOverSaslAndThePasswordIsNeverLogged() {
        try (LogCapture logs = new LogCapture()) {
            SecuredClusterChecks.everyClientWorks(kafka, kafka.clientProperties(), "sasl");

            assertThat(logs.events()).as("KClient logged its client settings").anySatisfy(event ->
                    assertThat(event).contains("sasl.jaas.config=[hidden]").contains("SASL_PLAINTEXT"));
            assertThat(logs.events()).noneSatisfy(event -> assertThat(event).contains(PASSWORD));
        }
    }

    @Test
    void poisonPillsAreDeadLetteredWithTheirReasonOverSasl() {
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), kafka.clientProperties());
                KClient kclient = KClient.builder().bootstrapServers(kafka.bootstrapServers())
                        .clientProperties(kafka.clientProperties()).placeholders(value -> value.replace("${prefix}", "poison"))
                        .topics(new TopicSettings(true, 1, (short) 1)).handlers(new Animals.Failing()).build()) {
            kclient.start();
            probe.send("poison.dogs", "d2", "{not json");

            List<ConsumerRecord<byte[], byte[]>> letters = probe.readAtLeast("poison.dogs.DLT", 1, WAIT);
            assertThat(letters).singleElement().satisfies(letter ->
                    assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_CLASS).value()))
                            .isEqualTo("io.kclient.convert.PayloadConversionException"));
        }
    }

    @Test
    void wrongCredentialsFailTheStartWithOneClearAuthenticationError() throws Exception {
        String wrong = "Wrong-7d1e0a93-never-logged";
        Map<String, String> security = new HashMap<>(kafka.clientProperties());
        security.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"kclient\" password=\"" + wrong + "\";");

        // the clients' own reports of a refused login; the broker's side of each is left out
        SecuredClusterChecks.wrongSecurityFailsTheStartOnce(kafka, security, "wrong", "SASL authentication", wrong,
                event -> event.contains("clientId=") && event.contains("failed authentication"));
    }
}
