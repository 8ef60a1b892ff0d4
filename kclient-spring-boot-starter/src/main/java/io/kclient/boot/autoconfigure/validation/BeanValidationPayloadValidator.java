package io.kclient.boot.autoconfigure.validation;

import io.kclient.handler.PayloadValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;

/**
 * Validates {@code @Valid} payloads with a Jakarta Bean Validation {@link Validator}; each
 * violation reads {@code "property: message"}, sorted by property so a dead letter's message is stable.
 */
public final class BeanValidationPayloadValidator implements PayloadValidator {

    private final Validator validator;

    public BeanValidationPayloadValidator(Validator validator) {
        this.validator = validator;
    }

    @Override
    public List<String> violations(Object payload) {
        return validator.validate(payload).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> violation) -> violation.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .toList();
    }
}
