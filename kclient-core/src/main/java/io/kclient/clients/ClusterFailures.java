package io.kclient.clients;

import io.kclient.KClientConfigurationException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * What a client says when the cluster refuses its credentials: which kind of authentication
 * failed, at which servers, and where its settings live, never what they are. Wrong credentials
 * are not worth retrying, so every client KClient makes fails with this once.
 */
public final class ClusterFailures {

    private ClusterFailures() {
    }

    /** The failure of {@code refused} at {@code bootstrapServers}, as a start-up error. */
    public static KClientConfigurationException authenticationFailed(AuthenticationException refused, String bootstrapServers) {
        String kind = refused instanceof SslAuthenticationException ? "SSL authentication (TLS handshake)"
                : refused instanceof SaslAuthenticationException ? "SASL authentication" : "Authentication";
        return new KClientConfigurationException(kind + " to the Kafka cluster at " + bootstrapServers + " failed: "
                + refused.getMessage() + ". Check the security settings in kclient.properties.* (security.protocol, "
                + "sasl.mechanism, sasl.jaas.config, ssl.*) against the broker's listener", refused);
    }

    /** The authentication failure somewhere in {@code failure}'s causes, or {@code null}. */
    public static AuthenticationException authenticationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException refused) {
                return refused;
            }
        }
        return null;
    }
}
