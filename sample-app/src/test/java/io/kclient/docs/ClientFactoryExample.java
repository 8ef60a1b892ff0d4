package io.kclient.docs;

import io.kclient.boot.autoconfigure.KafkaClientFactoryCustomizer;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** docs/configuration.md: a setting known only at run time, for every consumer KClient makes. */
@Configuration(proxyBeanMethods = false)
public class ClientFactoryExample {

    @Bean
    KafkaClientFactoryCustomizer rackAwareFetching() {
        return clients -> clients.consumerProperties(Map.of("client.rack", System.getenv().getOrDefault("ZONE", "local")));
    }
}
