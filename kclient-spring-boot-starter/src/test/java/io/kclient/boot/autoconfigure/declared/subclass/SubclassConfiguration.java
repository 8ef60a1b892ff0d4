package io.kclient.boot.autoconfigure.declared.subclass;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SubclassConfiguration {

    @Bean
    SpecialHandlers specialHandlers() {
        return new SpecialHandlers();
    }
}
