package io.kclient.it;

import io.kclient.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KClient against brokers whose only client listener speaks TLS, one checking the server only and
 * one requiring client certificates (mutual TLS), with certificates made for the test: the
 * settings given once reach the admin client, the consumers, the producers, the publisher and the
 * RpcClient; a trust store that does not trust the brokers, or no client certificate where one is
 * required, fails the start once, naming SSL and the servers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TlsClusterIntegrationTests {

    /** Brokers of this class's own: they require TLS, which the shared one does not. */
    private static EmbeddedKafka tls;
    private static EmbeddedKafka mutualTls;

    @BeforeAll
    static void startKafka() {
        tls = EmbeddedKafka.builder().tls().build();
        mutualTls = EmbeddedKafka.builder().mutualTls().build();
        tls.start();
        mutualTls.start();
    }

    @AfterAll
    static void closeKafka() {
        tls.close();
        mutualTls.close();
    }

    @Test
    void everyClientConnectsOverTls() {
        SecuredClusterChecks.everyClientWorks(tls, tls.clientProperties(), "tls");
    }

    @Test
    void everyClientConnectsOverMutualTls() {
        SecuredClusterChecks.everyClientWorks(mutualTls, mutualTls.clientProperties(), "mtls");
    }

    /** The JDK's own trust store: real authorities, none of which signed the test brokers' certificate. */
    @Test
    void aTrustStoreThatDoesNotTrustTheBrokersFailsTheStartOnce() throws Exception {
        Map<String, String> wrong = new HashMap<>(tls.clientProperties());
        wrong.put("ssl.truststore.location", Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toString());
        wrong.put("ssl.truststore.password", "changeit");

        SecuredClusterChecks.wrongSecurityFailsTheStartOnce(tls, wrong, "untrusted", "SSL authentication", "changeit",
                TlsClusterIntegrationTests::failedHandshake);
    }

    @Test
    void noClientCertificateWhereOneIsRequiredFailsTheStartOnce() throws Exception {
        Map<String, String> withoutCertificate = new HashMap<>(mutualTls.clientProperties());
        withoutCertificate.keySet().removeIf(key -> key.startsWith("ssl.keystore.") || key.equals("ssl.key.password"));

        SecuredClusterChecks.wrongSecurityFailsTheStartOnce(mutualTls, withoutCertificate, "anonymous", "SSL authentication",
                mutualTls.clientProperties().get("ssl.key.password"), TlsClusterIntegrationTests::failedHandshake);
    }

    /** A client's own report of a failed TLS handshake. */
    private static boolean failedHandshake(String event) {
        return event.contains("clientId=") && event.contains("SSL handshake failed");
    }
}
