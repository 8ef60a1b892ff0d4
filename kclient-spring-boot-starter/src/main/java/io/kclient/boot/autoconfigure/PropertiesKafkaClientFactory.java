package io.kclient.boot.autoconfigure;

import io.kclient.clients.KafkaClientFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * Builds the application's one {@link KafkaClientFactory}: the connection details' servers,
 * {@code kclient.*} client properties, and under them what {@code spring.kafka.*} sets and they
 * do not: a Spring Kafka setting is dropped where a kclient one sets its key at any level, since
 * a consumer-level one would otherwise win over a client-level kclient one. Then the customizers.
 */
final class PropertiesKafkaClientFactory {

    private PropertiesKafkaClientFactory() {
    }

    static KafkaClientFactory create(KClientProperties properties, KClientConnectionDetails connectionDetails,
            Environment environment, List<KafkaClientFactoryCustomizer> customizers) {
        Map<String, Object> client = properties.buildClientProperties();
        Map<String, Object> consumer = properties.buildConsumerProperties();
        Map<String, Object> producer = properties.buildProducerProperties();
        SpringKafkaFallback springKafka = new SpringKafkaFallback(environment);
        KafkaClientFactory.Builder builder = KafkaClientFactory.builder()
                .bootstrapServers(connectionDetails.getBootstrapServers())
                .clientProperties(springKafka.clientProperties(client.keySet())).clientProperties(client)
                .consumerProperties(springKafka.consumerProperties(union(client.keySet(), consumer.keySet())))
                .consumerProperties(consumer)
                .producerProperties(springKafka.producerProperties(union(client.keySet(), producer.keySet())))
                .producerProperties(producer);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }
}
