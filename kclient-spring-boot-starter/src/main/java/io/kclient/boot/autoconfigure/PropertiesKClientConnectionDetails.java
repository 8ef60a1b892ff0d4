package io.kclient.boot.autoconfigure;

import io.kclient.KClientConfigurationException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@link KClientConnectionDetails} from {@code kclient.bootstrap-servers}, else Spring Boot's own
 * {@code spring.kafka.bootstrap-servers}, so an application that already points Spring Kafka at
 * a cluster needs no second property.
 */
final class PropertiesKClientConnectionDetails implements KClientConnectionDetails {

    private final KClientProperties properties;
    private final Environment environment;

    PropertiesKClientConnectionDetails(KClientProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public String getBootstrapServers() {
        List<String> servers = nonBlank(properties.getBootstrapServers());
        if (servers.isEmpty()) {
            servers = nonBlank(Binder.get(environment)
                    .bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class)).orElse(List.of()));
        }
        if (servers.isEmpty()) {
            throw new KClientConfigurationException("No Kafka bootstrap servers: set kclient.bootstrap-servers "
                    + "(or spring.kafka.bootstrap-servers) to host:9092, or define a KClientConnectionDetails bean");
        }
        return String.join(",", servers);
    }

    private static List<String> nonBlank(List<String> servers) {
        return servers.stream().map(String::trim).filter(server -> !server.isEmpty()).toList();
    }
}
