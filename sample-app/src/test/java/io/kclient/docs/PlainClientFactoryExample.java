package io.kclient.docs;

import io.kclient.KClient;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.rpc.RpcClient;
import java.util.Map;

/** docs/configuration.md: one client factory for the engine and an RpcClient, without Spring. */
class PlainClientFactoryExample {

    void run() {
        KafkaClientFactory clients = KafkaClientFactory.builder()
                .bootstrapServers("broker-1:9093")
                .clientProperties(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/kafka/truststore.p12"))
                .build();
        try (KClient kclient = KClient.builder().clients(clients).handlers(new AnimalsHandler()).build();
                RpcClient rpc = RpcClient.builder().clients(clients).replyTopic("adoption-desk.replies.host-1").build()) {
            kclient.start();
            // kclient.publisher() and rpc connect as the handlers do
        }
    }
}
