package io.kclient.boot.actuate;

import io.kclient.KClient;
import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.boot.autoconfigure.KClientProperties;
import io.kclient.spring.config.KClientEndpointRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code kclient} health indicator, when Spring Boot's health support is on the class path;
 * {@code management.health.kclient.enabled=false} turns it off.
 */
@AutoConfiguration(after = KClientAutoConfiguration.class)
@ConditionalOnClass({KClient.class, HealthIndicator.class})
@ConditionalOnBean(KClientEndpointRegistry.class)
@ConditionalOnEnabledHealthIndicator("kclient")
public final class KClientHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "kclientHealthIndicator")
    KClientHealthIndicator kclientHealthIndicator(KClientEndpointRegistry registry, KClientProperties properties) {
        return new KClientHealthIndicator(() -> registry.getClient().handlers(), properties.getHealth().getStallTimeout());
    }
}
