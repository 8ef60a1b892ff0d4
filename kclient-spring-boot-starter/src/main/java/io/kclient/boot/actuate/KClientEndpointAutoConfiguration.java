package io.kclient.boot.actuate;

import io.kclient.KClient;
import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.spring.config.KClientEndpointRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code kclient} Actuator endpoint, when Actuator is on the class path and the endpoint is
 * exposed ({@code management.endpoints.web.exposure.include=kclient}, for example).
 */
@AutoConfiguration(after = KClientAutoConfiguration.class)
@ConditionalOnClass({KClient.class, Endpoint.class})
@ConditionalOnBean(KClientEndpointRegistry.class)
@ConditionalOnAvailableEndpoint(KClientEndpoint.class)
public final class KClientEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KClientEndpoint kclientEndpoint(KClientEndpointRegistry registry) {
        return new KClientEndpoint(registry::getClient);
    }
}
