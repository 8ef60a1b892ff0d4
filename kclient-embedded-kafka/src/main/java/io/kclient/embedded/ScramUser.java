package io.kclient.embedded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one SCRAM-SHA-256 user of a cluster whose client listener requires SASL authentication:
 * written into the cluster's metadata when a node directory is formatted (KRaft's bootstrap
 * SCRAM credentials, as {@code kafka-storage.sh format --add-scram} does), used by the brokers
 * among themselves, and handed to clients by {@link EmbeddedKafka#clientProperties()}.
 *
 * @param name the user name
 * @param password the password
 */
record ScramUser(String name, String password) implements ListenerSecurity {

    static final String MECHANISM = "SCRAM-SHA-256";

    /** The client listener's name when it requires SASL; its protocol has the same name. */
    static final String LISTENER = "SASL_PLAINTEXT";

    ScramUser {
        for (String value : List.of(name, password)) {
            if (value.isEmpty() || value.contains("\"") || value.contains("\\")) {
                throw new IllegalArgumentException("SCRAM user name and password must be non-empty and hold no quote or backslash");
            }
        }
    }

    /** The credential as the storage formatter takes it. */
    String formatterArgument() {
        return MECHANISM + "=[name=\"" + this.name + "\",password=\"" + this.password + "\"]";
    }

    @Override
    public String protocol() {
        return LISTENER;
    }

    /** What a broker needs to require SCRAM on the client listener and to log in to the other brokers. */
    @Override
    public Map<String, String> brokerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sasl.enabled.mechanisms", MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.put("listener.name." + LISTENER.toLowerCase(Locale.ROOT) + "." + MECHANISM.toLowerCase(Locale.ROOT)
                + ".sasl.jaas.config", jaasConfig());
        return props;
    }

    /** What a client needs besides {@code bootstrap.servers}. */
    @Override
    public Map<String, String> clientProperties() {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM, "sasl.jaas.config", jaasConfig());
    }

    private String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + this.name
                + "\" password=\"" + this.password + "\";";
    }

    /** Never the password: this may end up in a log line or an assertion message. */
    @Override
    public String toString() {
        return "ScramUser[" + this.name + "]";
    }
}
