package io.kclient.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A client listener that speaks TLS, with certificates made when the cluster is built: a
 * certificate authority of its own, the brokers' certificate for {@code localhost} signed by it,
 * and with mutual TLS a client certificate the brokers require. The PKCS12 stores live in a
 * temporary directory until the cluster is closed; clients find them in {@link #clientProperties()}.
 */
final class TlsListener implements ListenerSecurity, AutoCloseable {

    private static final String TYPE = "PKCS12";

    private final Path directory;
    private final String password = UUID.randomUUID().toString();
    private final boolean clientAuth;

    /** @param clientAuth whether the brokers require a client certificate (mutual TLS) */
    TlsListener(boolean clientAuth) {
        this.clientAuth = clientAuth;
        try {
            this.directory = Files.createTempDirectory("kclient-embedded-tls-");
            CertificateAuthority authority = new CertificateAuthority("kclient-embedded-kafka CA");
            KeyStore trusted = emptyStore();
            trusted.setCertificateEntry("ca", authority.certificate());
            write(trusted, "truststore.p12");
            write(keyStore(authority.issue("localhost", true)), "broker.p12");
            write(keyStore(authority.issue("kclient-embedded-kafka client", false)), "client.p12");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the TLS stores of the embedded Kafka cluster", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make the TLS certificates of the embedded Kafka cluster", e);
        }
    }

    @Override
    public String protocol() {
        return "SSL";
    }

    @Override
    public Map<String, String> brokerProperties() {
        Map<String, String> props = new LinkedHashMap<>(stores("ssl.keystore", "broker.p12"));
        props.put("ssl.key.password", this.password);
        props.putAll(stores("ssl.truststore", "truststore.p12")); // clients' certificates, and the other brokers'
        props.put("ssl.client.auth", this.clientAuth ? "required" : "none");
        return props;
    }

    @Override
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", protocol());
        props.putAll(stores("ssl.truststore", "truststore.p12"));
        if (this.clientAuth) {
            props.putAll(stores("ssl.keystore", "client.p12"));
            props.put("ssl.key.password", this.password);
        }
        return props;
    }

    /** Deletes the stores. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(this.directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the TLS stores in " + this.directory, e);
        }
    }

    /** Never the password: this may end up in a log line or an assertion message. */
    @Override
    public String toString() {
        return "TlsListener[" + (this.clientAuth ? "mutual" : "server") + " TLS, " + this.directory + "]";
    }

    private Map<String, String> stores(String prefix, String file) {
        return Map.of(prefix + ".location", this.directory.resolve(file).toString(), prefix + ".password", this.password,
                prefix + ".type", TYPE);
    }

    private KeyStore keyStore(CertificateAuthority.Issued issued) throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        store.setKeyEntry("key", issued.keys().getPrivate(), this.password.toCharArray(),
                new Certificate[] {issued.certificate(), issued.issuer()});
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(TYPE);
        store.load(null, null);
        return store;
    }

    private void write(KeyStore store, String file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(this.directory.resolve(file))) {
            store.store(out, this.password.toCharArray());
        }
    }
}
