package io.kclient.boot.autoconfigure.declared.conditional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ConditionalHandlersConfiguration {

    @Bean
    @ConditionalOnProperty(name = "handlers.enabled", havingValue = "true")
    ConditionalHandlers conditionalHandlers() {
        return new ConditionalHandlers();
    }
}
