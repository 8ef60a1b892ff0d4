package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.embedded.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample pointed at a secured cluster as its docs say, by {@code kclient.bootstrap-servers} and
 * {@code kclient.properties.*} alone: its handlers turn dogs into cats, and its REST API, which
 * publishes through KClient's publisher and reads through a consumer of KClient's client factory,
 * works there too, over SASL/SCRAM and over TLS. Brokers of its own: they are secured, the test
 * JVM's shared one is not.
 */
class SampleSecuredClustersIntegrationTests {

    @Test
    void theRestApiWorksOnASaslScramCluster() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().saslScram("sample", "Sample-Pw-3c5e").build()) {
            kafka.start();
            dogsPostedBecomeCatsReadBack(kafka);
        }
    }

    @Test
    void theRestApiWorksOnATlsCluster() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().tls().build()) {
            kafka.start();
            dogsPostedBecomeCatsReadBack(kafka);
        }
    }

    private void dogsPostedBecomeCatsReadBack(EmbeddedKafka kafka) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kclient.bootstrap-servers=" + kafka.bootstrapServers()));
        kafka.clientProperties().forEach((key, value) -> args.add("--kclient.properties." + key + "=" + value));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new))) {
            Http http = new Http(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));

            assertThat(http.post("/api/messages/dogs?key=d1", "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}").statusCode()).isEqualTo(202);
            assertThat(http.post("/api/messages/dogs?key=nobody", "{\"name\":\"Ghost\",\"age\":1}").statusCode()).isEqualTo(202);

            assertThat(http.awaitRecord("cats", "d1").get("value").get("name").asString()).isEqualTo("Rex");
            assertThat(http.awaitRecord("dogs.DLT", "nobody").get("value").get("name").asString()).isEqualTo("Ghost");
            assertThat(http.get("/api/messages/__consumer_offsets").statusCode()).isEqualTo(404);
        }
    }
}
