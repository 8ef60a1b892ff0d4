package io.kclient.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which Kafka client properties are secrets, and client configurations fit to log: the one place
 * KClient decides what it must never print. A secret is what Kafka itself types as a password
 * ({@code sasl.jaas.config}, {@code ssl.keystore.password}, {@code ssl.key.password}, ...), or,
 * for a key Kafka does not define (a listener- or mechanism-prefixed one), a name that says so.
 */
public final class SecretProperties {

    /** What replaces a secret's value; Kafka's own config logging prints the same. */
    public static final String HIDDEN = "[hidden]";

    private static final Set<String> PASSWORD_TYPED = passwordTyped();

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|jaas|credential|token|\\.key$).*");

    private SecretProperties() {
    }

    /** Whether the value of {@code key} is a secret. */
    public static boolean isSecret(String key) {
        return PASSWORD_TYPED.contains(key) || SECRET_NAME.matcher(key).matches();
    }

    /** A copy of {@code properties}, in the same order, with every secret's value {@link #HIDDEN}. */
    public static Map<String, Object> masked(Map<String, ?> properties) {
        Map<String, Object> masked = new LinkedHashMap<>();
        properties.forEach((key, value) -> masked.put(key, isSecret(key) ? HIDDEN : value));
        return masked;
    }

    private static Set<String> passwordTyped() {
        Set<String> keys = new java.util.HashSet<>();
        for (ConfigDef definition : new ConfigDef[] {ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef()}) {
            definition.configKeys().forEach((key, config) -> {
                if (config.type == ConfigDef.Type.PASSWORD) {
                    keys.add(key);
                }
            });
        }
        return Set.copyOf(keys);
    }
}
