package io.kclient.asyncapi;

import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.boot.autoconfigure.KClientConnectionDetails;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link KClientAsyncApi} document of the application's handlers, and, with Actuator, the
 * {@code asyncapi} endpoint that serves it. Backs off when the application defines its own, and
 * with {@code kclient.asyncapi.enabled=false}.
 */
@AutoConfiguration(after = KClientAutoConfiguration.class)
@ConditionalOnBean(KClientEndpointRegistry.class)
@ConditionalOnProperty(prefix = "kclient.asyncapi", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(AsyncApiProperties.class)
public final class AsyncApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KClientAsyncApi kclientAsyncApi(KClientEndpointRegistry registry, AsyncApiProperties properties,
            ObjectProvider<KClientConnectionDetails> connection, ObjectProvider<BuildProperties> build, Environment environment) {
        String title = properties.getTitle() != null ? properties.getTitle()
                : environment.getProperty("spring.application.name", "KClient application");
        String version = properties.getVersion() != null ? properties.getVersion()
                : build.getIfAvailable() != null ? build.getObject().getVersion() : "unversioned";
        List<String> servers = !properties.getServers().isEmpty() ? properties.getServers()
                : connection.getIfAvailable() == null ? List.of()
                : Arrays.stream(connection.getObject().getBootstrapServers().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new KClientAsyncApi(registry::getClient, new AsyncApiInfo(title, version, properties.getDescription(), servers));
    }

    /** The endpoint, with Actuator, when exposed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(AsyncApiEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AsyncApiEndpoint asyncApiEndpoint(KClientAsyncApi asyncApi) {
            return new AsyncApiEndpoint(asyncApi);
        }
    }
}
