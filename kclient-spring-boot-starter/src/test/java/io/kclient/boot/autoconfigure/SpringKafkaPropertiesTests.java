package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.KafkaPublisher;
import io.kclient.rpc.RpcClient;
import io.kclient.rpc.RpcHeaders;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Spring Boot's spring.kafka.* settings reach KClient's clients where no kclient.* property sets the same key. */
class SpringKafkaPropertiesTests {

    private final ApplicationContextRunner runner = MockKafkaClients.runner()
            .withBean("animals", Animals.class);

    @Test
    void clientSecurityAndSslSettingsReachEveryClient() {
        runner.withPropertyValues("spring.kafka.client-id=orders", "spring.kafka.security.protocol=SSL",
                "spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12", "spring.kafka.ssl.trust-store-password=secret",
                "spring.kafka.ssl.trust-store-type=PKCS12", "spring.kafka.properties.sasl.mechanism=PLAIN",
                "spring.kafka.properties.auto.offset.reset=latest").run(context -> {
                    Map<String, Object> expected = Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/kafka/truststore.p12",
                            "ssl.truststore.password", "secret", "ssl.truststore.type", "PKCS12", "sasl.mechanism", "PLAIN");
                    assertThat(producerConfig(context)).containsAllEntriesOf(expected).containsEntry("client.id", "orders");
                    assertThat(consumerConfig(context)).containsAllEntriesOf(expected)
                            .as("each consumer's id names its handler").containsEntry("client.id", "orders-dogs")
                            .as("over KClient's default").containsEntry("auto.offset.reset", "latest");
                });
    }

    /**
     * Every client KClient builds comes from the one client factory: the handler's consumer, its
     * output, dead-letter and reply producers, the publisher, the RpcClient's producer and reply
     * consumer, and the admin client, each with the spring.kafka.* security.
     */
    @Test
    void securityReachesEveryClientKClientBuilds() {
        runner.withPropertyValues("spring.kafka.security.protocol=SASL_SSL", "spring.kafka.properties.sasl.mechanism=PLAIN",
                "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"p\";",
                "spring.kafka.ssl.trust-store-location=/etc/kafka/truststore.p12", "spring.kafka.ssl.trust-store-password=secret")
                .run(context -> {
                    MockKafkaClients mocks = context.getBean(MockKafkaClients.class);
                    KClient kclient = context.getBean(KClientEndpointRegistry.class).getClient();
                    mocks.feed(kclient, "dogs", new ConsumerRecord<>("dogs", 0, 0, null, bytes("{not json"))); // a dead letter
                    mocks.awaitSent("dogs.DLT");
                    ConsumerRecord<byte[], byte[]> request = new ConsumerRecord<>("dogs", 0, 1, null, bytes("{\"id\":\"1\"}"));
                    request.headers().add(RpcHeaders.REPLY_TOPIC, bytes("callers")).add(RpcHeaders.CORRELATION_ID, bytes("c-1"));
                    mocks.consumers.get(0).addRecord(request);
                    mocks.awaitSent("callers");
                    context.getBean(KafkaPublisher.class).send("dogs", "2", "{}");
                    RpcClient rpc = context.getBean(RpcClient.class);
                    rpc.cast("dogs", "3", "{}");
                    rpc.start();

                    assertThat(mocks.consumerConfigs).as("the handler's and the RpcClient's reply consumer").hasSize(2);
                    assertThat(mocks.producerConfigs).as("output and dead letters, replies, the publisher, the RpcClient's requests")
                            .hasSize(4);
                    assertThat(mocks.adminConfigs).as("the RpcClient's reply topic check").hasSize(1);
                    for (Map<String, Object> config : concat(mocks.consumerConfigs, mocks.producerConfigs, mocks.adminConfigs)) {
                        assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                                .containsEntry("ssl.truststore.password", "secret").containsKey("sasl.jaas.config");
                    }
                });
    }

    @Test
    void consumerAndProducerSettingsAreMapped() {
        runner.withPropertyValues("spring.kafka.consumer.auto-offset-reset=latest", "spring.kafka.consumer.max-poll-records=7",
                "spring.kafka.consumer.properties.fetch.min.bytes=2", "spring.kafka.producer.acks=1",
                "spring.kafka.producer.batch-size=32KB", "spring.kafka.producer.compression-type=zstd",
                "spring.kafka.producer.properties.linger.ms=9").run(context -> {
                    assertThat(consumerConfig(context)).containsEntry("auto.offset.reset", "latest")
                            .containsEntry("max.poll.records", "7").containsEntry("fetch.min.bytes", "2");
                    assertThat(producerConfig(context)).containsEntry("acks", "1").containsEntry("batch.size", 32 * 1024)
                            .containsEntry("compression.type", "zstd").containsEntry("linger.ms", "9");
                });
    }

    @Test
    void kclientPropertiesWinAtAnyLevel() {
        runner.withPropertyValues("spring.kafka.security.protocol=PLAINTEXT", "spring.kafka.consumer.properties.security.protocol=SASL_SSL",
                "spring.kafka.producer.acks=0", "spring.kafka.consumer.max-poll-records=7",
                "kclient.properties.security.protocol=SSL", "kclient.producer.properties.acks=all",
                "kclient.consumer.properties.max.poll.records=3").run(context -> {
                    assertThat(consumerConfig(context)).containsEntry("security.protocol", "SSL").containsEntry("max.poll.records", "3");
                    assertThat(producerConfig(context)).containsEntry("security.protocol", "SSL").containsEntry("acks", "all");
                });
    }

    @Test
    void aClassPathStoreFailsTheStartSayingWhatToSet() {
        runner.withPropertyValues("spring.kafka.ssl.key-store-location=classpath:keystore.p12")
                .run(context -> assertThat(configurationError(context)).hasMessageContaining("classpath:keystore.p12")
                        .hasMessageContaining("kclient.properties.ssl.keystore.location"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static List<Map<String, Object>> concat(List<Map<String, Object>>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    private static Map<String, Object> producerConfig(AssertableApplicationContext context) {
        return context.getBean(MockKafkaClients.class).producerConfigOfDogs(context.getBean(KClientEndpointRegistry.class).getClient());
    }

    private static Map<String, Object> consumerConfig(AssertableApplicationContext context) {
        return context.getBean(MockKafkaClients.class).consumerConfigOf(context.getBean(KClientEndpointRegistry.class).getClient(), "dogs");
    }
}
