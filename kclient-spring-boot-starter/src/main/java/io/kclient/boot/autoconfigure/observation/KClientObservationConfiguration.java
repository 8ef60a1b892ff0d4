package io.kclient.boot.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observes handler calls with the context's {@link ObservationRegistry} (Spring Boot's, once
 * Actuator or Micrometer Tracing is on the class path), so traces continue through handlers.
 * {@code kclient.observation.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnProperty(prefix = "kclient.observation", name = "enabled", matchIfMissing = true)
public class KClientObservationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObservationHandlerInterceptor kclientObservationInterceptor(ObservationRegistry registry) {
        return new ObservationHandlerInterceptor(registry);
    }
}
