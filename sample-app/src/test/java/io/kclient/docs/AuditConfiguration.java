package io.kclient.docs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A handler bean declared by a conditional {@code @Bean} method, in docs/getting-started.md. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    @ConditionalOnProperty(name = "audit.enabled", havingValue = "true")
    AuditHandlers auditHandlers() {                  // the handler class itself, not Object or an interface
        return new AuditHandlers();
    }
}
