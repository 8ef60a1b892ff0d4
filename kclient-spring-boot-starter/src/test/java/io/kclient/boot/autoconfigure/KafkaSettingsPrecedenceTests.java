package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.OutputProducer;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Which Kafka setting wins, as the README lists it: kclient.handlers.&lt;id&gt; over the handler's
 * propertiesFile over kclient.consumer/producer.properties over spring.kafka.*.
 */
class KafkaSettingsPrecedenceTests {

    public static class FileConfiguredHandler {

        @InputConsumer(id = "dogs", topics = "dogs", propertiesFile = "kclient-dogs-consumer.properties")
        @OutputProducer(topic = "cats", propertiesFile = "classpath:kclient-cats-producer.properties")
        public String onDog(String dog) {
            return dog;
        }
    }

    private final ApplicationContextRunner runner = MockKafkaClients.runner()
            .withBean("files", FileConfiguredHandler.class)
            .withPropertyValues(
                    "spring.kafka.consumer.properties.receive.buffer.bytes=1111", "spring.kafka.consumer.properties.fetch.min.bytes=9",
                    "kclient.consumer.properties.fetch.min.bytes=5", "kclient.consumer.properties.check.crcs=false",
                    "kclient.handlers.dogs.consumer.properties.fetch.max.wait.ms=300",
                    "spring.kafka.producer.acks=1", "kclient.producer.properties.linger.ms=7",
                    "kclient.handlers.dogs.producer.properties.compression.type=zstd");

    @Test
    void consumerSettingsWinInTheReadmesOrder() {
        runner.run(context -> assertThat(consumerConfig(context))
                .containsEntry("fetch.max.wait.ms", "300")          // kclient.handlers.<id> over the file
                .containsEntry("fetch.min.bytes", "2")              // the file over kclient.consumer and spring.kafka
                .containsEntry("max.partition.fetch.bytes", "3000") // the file alone
                .containsEntry("check.crcs", "false")               // kclient.consumer alone
                .containsEntry("receive.buffer.bytes", "1111"));    // spring.kafka alone
    }

    @Test
    void producerSettingsWinInTheReadmesOrder() {
        runner.run(context -> assertThat(producerConfig(context))
                .satisfies(config -> assertThat(config)
                        .containsEntry("compression.type", "zstd") // kclient.handlers.<id> over the file
                        .containsEntry("linger.ms", "2")           // the file over kclient.producer
                        .containsEntry("acks", "1")));             // spring.kafka over KClient's default (all)
    }

    /** The handler's producer, made when its first output is sent. */
    private static Map<String, Object> producerConfig(AssertableApplicationContext context) {
        MockKafkaClients mocks = context.getBean(MockKafkaClients.class);
        mocks.feed(context.getBean(KClientEndpointRegistry.class).getClient(), "dogs",
                new ConsumerRecord<>("dogs", 0, 0, null, "Rex".getBytes(StandardCharsets.UTF_8)));
        mocks.awaitSent("cats");
        assertThat(mocks.producerConfigs).hasSize(1);
        return mocks.producerConfigs.get(0);
    }

    private static Map<String, Object> consumerConfig(AssertableApplicationContext context) {
        return context.getBean(MockKafkaClients.class).consumerConfigOf(context.getBean(KClientEndpointRegistry.class).getClient(), "dogs");
    }
}
