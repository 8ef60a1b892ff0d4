package io.kclient.boot.autoconfigure.declared.switchedoff;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Off unless handlers.enabled=true: component scanning leaves it out, so it is no bean, and neither is what it declares. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "handlers.enabled", havingValue = "true")
public class SwitchedOffConfiguration {

    @Bean
    SwitchedOffHandlers switchedOffHandlers() {
        return new SwitchedOffHandlers();
    }
}
