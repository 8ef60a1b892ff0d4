package io.kclient.sample.api;

import io.kclient.boot.autoconfigure.KClientConnectionDetails;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's own Kafka clients, connected wherever KClient's handlers are. */
@Configuration(proxyBeanMethods = false)
class KafkaClientsConfiguration {

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> apiProducer(KClientConnectionDetails connection, ApiProperties api) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) api.timeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) api.timeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) api.timeout().toMillis(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    Admin apiAdmin(KClientConnectionDetails connection, ApiProperties api) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) api.timeout().toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) api.timeout().toMillis()));
    }
}
