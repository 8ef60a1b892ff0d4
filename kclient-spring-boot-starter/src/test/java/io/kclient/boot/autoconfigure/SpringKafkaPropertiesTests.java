package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.spring.config.KClientEndpointRegistry;
import java.util.Map;
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

    private static Map<String, Object> producerConfig(AssertableApplicationContext context) {
        return context.getBean(MockKafkaClients.class).producerConfigOfDogs(context.getBean(KClientEndpointRegistry.class).getClient());
    }

    private static Map<String, Object> consumerConfig(AssertableApplicationContext context) {
        return context.getBean(MockKafkaClients.class).consumerConfigOf(context.getBean(KClientEndpointRegistry.class).getClient(), "dogs");
    }
}
