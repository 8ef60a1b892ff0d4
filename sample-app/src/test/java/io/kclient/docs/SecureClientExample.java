package io.kclient.docs;

import io.kclient.KClient;
import java.util.Map;

/** docs/security.md's SASL_SSL settings for the plain-Java builder. */
class SecureClientExample {

    KClient secured(String password) {
        return KClient.builder()
                .bootstrapServers("broker-1:9093,broker-2:9093")
                .clientProperties(Map.of(                  // every consumer, producer and admin client
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"orders-service\" password=\"" + password + "\";",
                        "ssl.truststore.location", "/etc/kafka/truststore.p12",
                        "ssl.truststore.type", "PKCS12"))
                .maxPayloadBytes(256 * 1024)               // larger records go to the dead-letter topic unread
                .handlers(new AnimalsHandler())
                .build();
    }
}
