package io.kclient.boot.autoconfigure.declared.widertype;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WiderTypeConfiguration {

    @Bean
    Notifier notifier() {
        return new WiderTypeHandlers();
    }
}
