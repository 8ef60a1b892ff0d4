package io.kclient.docs;

import io.kclient.KClient;
import io.kclient.embedded.EmbeddedKafka;

/** docs/security.md: a test against an in-process broker that speaks mutual TLS. */
class TlsClusterExample {

    void againstMutualTls() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().mutualTls().build()) {   // or tls(): the server's certificate only
            kafka.start();
            try (KClient kclient = KClient.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .clientProperties(kafka.clientProperties())   // security.protocol=SSL, the trust store, the client's key store
                    .handlers(new AnimalsHandler())
                    .build()) {
                kclient.start();
            }
        }
    }
}
