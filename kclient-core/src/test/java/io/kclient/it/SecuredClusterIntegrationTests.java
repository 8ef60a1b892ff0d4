package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kclient.KClient;
import io.kclient.KClientConfigurationException;
import io.kclient.admin.TopicSettings;
import io.kclient.embedded.EmbeddedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.listener.DeadLetterPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KClient against a broker that requires SASL/SCRAM-SHA-256 on its only client listener: the
 * settings given once reach the admin client, the consumers, the output and the dead-letter
 * producer; wrong credentials fail the start once, clearly; the password is never logged.
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
    void dogsBecomeCatsAndPoisonPillsDeadLettersOverSasl() {
        try (LogCapture logs = new LogCapture();
                TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), kafka.clientProperties());
                KClient kclient = client("sasl", kafka.clientProperties())) {
            kclient.start();
            probe.send("sasl.dogs", "d1", "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");
            probe.send("sasl.dogs", "d2", "{not json");

            List<ConsumerRecord<byte[], byte[]>> cats = probe.readAtLeast("sasl.cats", 1, WAIT);
            assertThat(cats).singleElement().satisfies(cat -> assertThat(text(cat.key())).isEqualTo("d1"));
            assertThat(probe.readAtLeast("sasl.dogs.DLT", 1, WAIT)).singleElement().satisfies(letter ->
                    assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_CLASS).value()))
                            .isEqualTo("io.kclient.convert.PayloadConversionException"));

            assertThat(logs.events()).as("KClient logged its client settings").anySatisfy(event ->
                    assertThat(event).contains("sasl.jaas.config=[hidden]").contains("SASL_PLAINTEXT"));
            assertThat(logs.events()).noneSatisfy(event -> assertThat(event).contains(PASSWORD));
        }
    }

    @Test
    void wrongCredentialsFailTheStartWithOneClearAuthenticationError() {
        String wrong = "Wrong-7d1e0a93-never-logged";
        Map<String, String> security = new HashMap<>(kafka.clientProperties());
        security.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"kclient\" password=\"" + wrong + "\";");

        try (LogCapture logs = new LogCapture()) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            KClient kclient = client("wrong", security);
            long started = System.nanoTime();
            assertThatThrownBy(kclient::start).isInstanceOf(KClientConfigurationException.class)
                    .hasMessageContaining("SASL authentication")
                    .hasMessageContaining(kafka.bootstrapServers())
                    .hasMessageContaining("kclient.properties")
                    .hasMessageNotContaining(wrong);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting out a timeout").isLessThan(Duration.ofSeconds(25));
            assertThat(kclient.isRunning()).isFalse();
            kclient.close(); // what a failed Spring context start does

            assertThat(clientAuthenticationFailures(logs)).as("authentication errors the clients logged").hasSizeLessThanOrEqualTo(6);
            // no retry storm: every client and thread the failed start made is gone, so none can try again
            await().atMost(WAIT).untilAsserted(() -> assertThat(threadsStartedSince(before)).as("threads of the failed start").isEmpty());
            assertThat(logs.events()).noneSatisfy(event -> assertThat(event).contains(wrong));
        }
    }

    /** Kafka's client threads and KClient's own started since {@code before} and still alive. */
    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName).filter(name -> name.startsWith("kclient-") || name.startsWith("kafka-producer")
                        || name.startsWith("kafka-admin-client") || name.startsWith("kafka-coordinator")
                        || name.contains("consumer_background_thread"))
                .toList();
    }

    /** The clients' own reports of a refused login; the broker's side of each is left out. */
    private static List<String> clientAuthenticationFailures(LogCapture logs) {
        return logs.events().stream().filter(event -> event.contains("clientId=") && event.contains("failed authentication")).toList();
    }

    private static KClient client(String prefix, Map<String, String> security) {
        return KClient.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .clientProperties(security)
                .placeholders(value -> value.replace("${prefix}", prefix))
                .topics(new TopicSettings(true, 1, (short) 1))
                .startTimeout(Duration.ofSeconds(30))
                .handlers(new Animals.Failing())
                .build();
    }
}
