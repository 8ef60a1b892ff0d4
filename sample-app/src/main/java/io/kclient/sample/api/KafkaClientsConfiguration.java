package io.kclient.sample.api;

import io.kclient.clients.KafkaClientFactory;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's admin client, made by KClient's client factory: connected wherever the handlers are,
 * with their security, and answering within {@code sample.api.timeout}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientsConfiguration {

    @Bean(destroyMethod = "close")
    Admin apiAdmin(KafkaClientFactory clients, ApiProperties api) {
        int timeout = (int) api.timeout().toMillis();
        return clients.createAdmin(clients.adminConfig(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout)));
    }
}
