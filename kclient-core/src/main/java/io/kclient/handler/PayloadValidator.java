package io.kclient.handler;

import java.util.List;

/**
 * Validates the payload of a handler parameter annotated {@code @jakarta.validation.Valid} after
 * it was converted and before the handler runs. A payload with violations is a poison pill: it is
 * not retried and goes to the dead-letter topic with the violations in its exception message.
 * The Spring Boot starter provides one backed by the context's Jakarta Bean Validation
 * {@code Validator}; without Spring, give one to {@code KClient.builder().payloadValidator(...)}.
 */
@FunctionalInterface
public interface PayloadValidator {

    /**
     * @param payload the converted payload, never {@code null}
     * @return the payload's violations, each as {@code "property: message"}; empty when it is valid
     */
    List<String> violations(Object payload);
}
