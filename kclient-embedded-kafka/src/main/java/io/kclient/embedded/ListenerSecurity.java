package io.kclient.embedded;

import java.util.Map;

/**
 * How the client listener authenticates, which the brokers also use among themselves: in plain
 * text, with a SASL/SCRAM user ({@link ScramUser}), or over TLS ({@link TlsListener}). The
 * controller listener stays unauthenticated on the loopback interface whatever this is.
 */
interface ListenerSecurity {

    /** No authentication, no encryption. */
    ListenerSecurity PLAINTEXT = new ListenerSecurity() {
        @Override
        public String protocol() {
            return "PLAINTEXT";
        }

        @Override
        public Map<String, String> brokerProperties() {
            return Map.of();
        }

        @Override
        public Map<String, String> clientProperties() {
            return Map.of();
        }
    };

    /** Kafka's security protocol of the listener, which also names it. */
    String protocol();

    /** What a broker needs to serve the listener, and to reach the other brokers through it. */
    Map<String, String> brokerProperties();

    /** What a client needs besides {@code bootstrap.servers}. */
    Map<String, String> clientProperties();
}
