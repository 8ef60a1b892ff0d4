package io.kclient.boot.autoconfigure;

import io.kclient.KClientConfigurationException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The Kafka client settings an application already gave Spring Boot's {@code spring.kafka.*}
 * properties, so that pointing Spring Kafka at a cluster points KClient at it too. Each is
 * dropped where a {@code kclient.*} property sets the same Kafka key at any level: KClient's own
 * properties always win. Read from the environment, so Spring Kafka need not be on the class path.
 *
 * <p>Taken: {@code client-id}, {@code security.protocol}, {@code ssl.*} (stores as file paths),
 * {@code properties.*}; {@code consumer.auto-offset-reset}, {@code consumer.max-poll-records},
 * {@code consumer.isolation-level}, {@code consumer.properties.*}; {@code producer.acks},
 * {@code producer.batch-size}, {@code producer.compression-type}, {@code producer.properties.*}.
 * Not taken: {@code consumer.group-id} (each handler has its own group) and the (de)serializers
 * (KClient converts payloads from the handler's signature).
 */
final class SpringKafkaFallback {

    private static final String PREFIX = "spring.kafka.";

    private static final Map<String, String> CLIENT = keys(
            "client-id", "client.id",
            "security.protocol", "security.protocol",
            "ssl.protocol", "ssl.protocol",
            "ssl.key-password", "ssl.key.password",
            "ssl.key-store-location", "ssl.keystore.location",
            "ssl.key-store-password", "ssl.keystore.password",
            "ssl.key-store-type", "ssl.keystore.type",
            "ssl.trust-store-location", "ssl.truststore.location",
            "ssl.trust-store-password", "ssl.truststore.password",
            "ssl.trust-store-type", "ssl.truststore.type");

    private static final Map<String, String> CONSUMER = keys(
            "consumer.auto-offset-reset", "auto.offset.reset",
            "consumer.max-poll-records", "max.poll.records",
            "consumer.isolation-level", "isolation.level");

    private static final Map<String, String> PRODUCER = keys(
            "producer.acks", "acks",
            "producer.compression-type", "compression.type");

    private final Binder binder;

    SpringKafkaFallback(Environment environment) {
        this.binder = Binder.get(environment);
    }

    /** {@code spring.kafka.*} settings of every client, less what {@code overridden} sets. */
    Map<String, Object> clientProperties(Collection<String> overridden) {
        Map<String, Object> properties = mapped(CLIENT);
        properties.putAll(free("properties"));
        for (String location : new String[] {"ssl.keystore.location", "ssl.truststore.location"}) {
            properties.computeIfPresent(location, (key, value) -> filePath(key, value.toString()));
        }
        properties.keySet().removeAll(overridden);
        return properties;
    }

    /** {@code spring.kafka.consumer.*} settings, less what {@code overridden} sets. */
    Map<String, Object> consumerProperties(Collection<String> overridden) {
        Map<String, Object> properties = mapped(CONSUMER);
        properties.putAll(free("consumer.properties"));
        properties.keySet().removeAll(overridden);
        return properties;
    }

    /** {@code spring.kafka.producer.*} settings, less what {@code overridden} sets. */
    Map<String, Object> producerProperties(Collection<String> overridden) {
        Map<String, Object> properties = mapped(PRODUCER);
        binder.bind(PREFIX + "producer.batch-size", DataSize.class)
                .ifBound(size -> properties.put("batch.size", (int) size.toBytes()));
        properties.putAll(free("producer.properties"));
        properties.keySet().removeAll(overridden);
        return properties;
    }

    private Map<String, Object> mapped(Map<String, String> springToKafka) {
        Map<String, Object> properties = new LinkedHashMap<>();
        springToKafka.forEach((spring, kafka) -> binder.bind(PREFIX + spring, String.class)
                .ifBound(value -> properties.put(kafka, value)));
        return properties;
    }

    private Map<String, String> free(String name) {
        return binder.bind(PREFIX + name, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    /** Spring writes store locations as resources; Kafka reads a file path. */
    private static String filePath(String kafkaKey, String location) {
        if (location.startsWith("classpath:")) {
            throw new KClientConfigurationException("The " + kafkaKey + " from spring.kafka.ssl is " + location
                    + ", a class path resource that Kafka clients cannot read: give a file path (file:/path or /path), "
                    + "or set kclient.properties." + kafkaKey);
        }
        return location.startsWith("file:") ? location.substring("file:".length()) : location;
    }

    private static Map<String, String> keys(String... springAndKafka) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < springAndKafka.length; i += 2) {
            keys.put(springAndKafka[i], springAndKafka[i + 1]);
        }
        return keys;
    }
}
