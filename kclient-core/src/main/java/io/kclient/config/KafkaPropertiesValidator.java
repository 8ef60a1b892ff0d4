package io.kclient.config;

import io.kclient.KClientConfigurationException;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Checks pass-through Kafka client properties once, at start-up: a key the client does not know
 * is a typo or a leftover from KClient 1's ZooKeeper-era clients, and silently ignoring it would
 * hide the mistake. The one place this rule lives, for annotations' property files and for
 * {@code kclient.*} properties alike.
 */
public final class KafkaPropertiesValidator {

    /** Keys of KClient 1's clients, with what to do instead. */
    private static final Map<String, String> REPLACED = Map.of(
            "zookeeper.connect", "Kafka 4 clients connect to brokers: use bootstrap.servers (or kclient.bootstrap-servers)",
            "metadata.broker.list", "use bootstrap.servers (or kclient.bootstrap-servers)",
            "serializer.class", "KClient chooses serializers from the handler's types; remove it",
            "key.serializer.class", "KClient chooses serializers from the handler's types; remove it",
            "auto.commit.enable", "KClient commits offsets only after records are handled; remove it",
            "producer.type", "KClient's producers are always asynchronous and batched; remove it",
            "request.required.acks", "use acks (KClient's default is all)");

    private KafkaPropertiesValidator() {
    }

    /** Fails naming the key and {@code where} it was set, when a key is not a Kafka consumer property. */
    public static void validateConsumer(Map<String, ?> properties, String where) {
        validate(properties, where, ConsumerConfig.configNames(), "consumer");
        Object reset = properties.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        if ("smallest".equals(reset) || "largest".equals(reset)) {
            throw new KClientConfigurationException("auto.offset.reset=" + reset + " in " + where + " is KClient 1's value: use "
                    + ("smallest".equals(reset) ? "earliest" : "latest"));
        }
    }

    /** Fails naming the key and {@code where} it was set, when a key is not a Kafka producer property. */
    public static void validateProducer(Map<String, ?> properties, String where) {
        validate(properties, where, ProducerConfig.configNames(), "producer");
    }

    private static void validate(Map<String, ?> properties, String where, Set<String> known, String client) {
        for (String key : properties.keySet()) {
            String replacement = REPLACED.get(key);
            if (replacement == null && key.startsWith("zookeeper.")) {
                replacement = "Kafka 4 has no ZooKeeper; remove it";
            }
            if (replacement != null) {
                throw new KClientConfigurationException("Property '" + key + "' in " + where + " is not supported: " + replacement);
            }
            if (!known.contains(key)) {
                throw new KClientConfigurationException("Property '" + key + "' in " + where + " is not a Kafka " + client
                        + " property: check its spelling against the Kafka " + client + " configuration reference");
            }
        }
    }
}
