package io.kclient.boot.autoconfigure.declared.samename;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SameNameConfiguration {

    @Bean
    Object sameNameHandlers() {
        return new SameNameHandlers();
    }
}
