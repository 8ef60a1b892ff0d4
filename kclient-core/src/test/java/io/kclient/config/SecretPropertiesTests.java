package io.kclient.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretPropertiesTests {

    @Test
    void hidesWhatKafkaTypesAsPasswordAndWhatIsNamedLikeASecret() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", "b:9093");
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p\";");
        config.put("ssl.keystore.password", "k");
        config.put("ssl.key.password", "k2");
        config.put("ssl.truststore.password", "t");
        config.put("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        config.put("listener.name.client.scram-sha-256.sasl.jaas.config", "ScramLoginModule required password=\"x\";");
        config.put("sasl.oauthbearer.client.credentials.client.secret", "s");
        config.put("ssl.truststore.location", "/etc/truststore.p12");

        Map<String, Object> masked = SecretProperties.masked(config);

        assertThat(masked).containsExactly(
                Map.entry("bootstrap.servers", "b:9093"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config", "[hidden]"),
                Map.entry("ssl.keystore.password", "[hidden]"),
                Map.entry("ssl.key.password", "[hidden]"),
                Map.entry("ssl.truststore.password", "[hidden]"),
                Map.entry("ssl.keystore.key", "[hidden]"),
                Map.entry("listener.name.client.scram-sha-256.sasl.jaas.config", "[hidden]"),
                Map.entry("sasl.oauthbearer.client.credentials.client.secret", "[hidden]"),
                Map.entry("ssl.truststore.location", "/etc/truststore.p12"));
        assertThat(config).as("the original is left alone").containsEntry("ssl.key.password", "k2");
    }
}
