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
import io.kclient.rpc.RpcClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What every client KClient builds must do on a secured cluster, the same over SASL/SCRAM and
 * over TLS: connect with the settings given once, or fail the start once, clearly.
 */
final class SecuredClusterChecks {

    static final Duration WAIT = Duration.ofSeconds(60);

    private SecuredClusterChecks() {
    }

    /**
     * The engine (its admin client at start, its consumers, its output and dead-letter producers),
     * its publisher and an RpcClient built like it all work with {@code security}: a dog published
     * becomes a cat, one that cannot be read a dead letter, and a call gets its answer.
     */
    static void everyClientWorks(EmbeddedKafka kafka, Map<String, String> security, String prefix) {
        KClient.Builder builder = builder(kafka, security, prefix);
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), security);
                KClient kclient = builder.build();
                RpcClient rpc = builder.rpcClient().replyTopic(prefix + ".replies").build()) {
            kclient.start();
            kclient.publisher().sendAndWait(prefix + ".dogs", "d1", new Animals.Dog("d1", "Rex", 3), WAIT);
            kclient.publisher().sendAndWait(prefix + ".dogs", "d2", "{not json", WAIT);

            List<ConsumerRecord<byte[], byte[]>> cats = probe.readAtLeast(prefix + ".cats", 1, WAIT);
            assertThat(cats).singleElement().satisfies(cat -> assertThat(text(cat.key())).isEqualTo("d1"));
            assertThat(probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT)).singleElement()
                    .satisfies(letter -> assertThat(text(letter.key())).isEqualTo("d2"));
            Animals.Cat answer = rpc.call(prefix + ".dogs", "d3", new Animals.Dog("d3", "Max", 4), Animals.Cat.class, WAIT);
            assertThat(answer.name()).isEqualTo("Max");
        }
    }

    /**
     * With {@code wrong} security the start fails once, in less than a timeout, with one error
     * naming {@code kind} of authentication, the servers and the properties to check, and no
     * client goes on trying after it; {@code secret} appears in no log line.
     *
     * @param failedLogin picks a client's own report of a failed login from the log
     */
    static void wrongSecurityFailsTheStartOnce(EmbeddedKafka kafka, Map<String, String> wrong, String prefix, String kind,
            String secret, Predicate<String> failedLogin) {
        try (LogCapture logs = new LogCapture()) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            KClient kclient = builder(kafka, wrong, prefix).build();
            long started = System.nanoTime();
            assertThatThrownBy(kclient::start).isInstanceOf(KClientConfigurationException.class)
                    .hasMessageContaining(kind)
                    .hasMessageContaining(kafka.bootstrapServers())
                    .hasMessageContaining("kclient.properties")
                    .hasMessageNotContaining(secret);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting out a timeout").isLessThan(Duration.ofSeconds(25));
            assertThat(kclient.isRunning()).isFalse();
            kclient.close(); // what a failed Spring context start does

            assertThat(logs.events().stream().filter(failedLogin).toList()).as("failed logins the clients logged")
                    .hasSizeLessThanOrEqualTo(6);
            // no retry storm: every client and thread the failed start made is gone, so none can try again
            await().atMost(WAIT).untilAsserted(() -> assertThat(threadsStartedSince(before)).as("threads of the failed start").isEmpty());
            assertThat(logs.events()).noneSatisfy(event -> assertThat(event).contains(secret));
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

    private static KClient.Builder builder(EmbeddedKafka kafka, Map<String, String> security, String prefix) {
        return KClient.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .clientProperties(security)
                .placeholders(value -> value.replace("${prefix}", prefix))
                .topics(new TopicSettings(true, 1, (short) 1))
                .startTimeout(Duration.ofSeconds(30))
                .handlers(new Animals.Failing());
    }
}
