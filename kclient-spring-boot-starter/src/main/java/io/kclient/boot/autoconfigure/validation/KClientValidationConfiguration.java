package io.kclient.boot.autoconfigure.validation;

import io.kclient.handler.PayloadValidator;
import jakarta.validation.Validator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Validates {@code @Valid} handler payloads with the context's Bean Validation {@link Validator}
 * (the one {@code spring-boot-starter-validation} provides). Without one, a {@code @Valid}
 * handler parameter fails the start saying what to add.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Validator.class)
@ConditionalOnBean(Validator.class)
public class KClientValidationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadValidator kclientPayloadValidator(Validator validator) {
        return new BeanValidationPayloadValidator(validator);
    }
}
