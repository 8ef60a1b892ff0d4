package io.kclient.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives the engine mock Kafka clients through a {@link KClientBuilderCustomizer}, and keeps the
 * configurations they were created with: no broker, and what the engine was told is visible.
 */
@Configuration(proxyBeanMethods = false)
public class MockKafkaClients {

    final List<Map<String, Object>> producerConfigs = new CopyOnWriteArrayList<>();
    final List<MockConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();

    @Bean
    KClientBuilderCustomizer mockKafkaClientsCustomizer() {
        return builder -> builder
                .consumerFactory(config -> {
                    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
                    consumers.add(consumer);
                    return consumer;
                })
                .producerFactory(config -> {
                    producerConfigs.add(config);
                    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
                });
    }
}
