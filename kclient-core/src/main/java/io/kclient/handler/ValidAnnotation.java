package io.kclient.handler;

import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;

/**
 * Finds Jakarta Bean Validation's {@code @Valid} by name, so the core needs no validation API on
 * its class path: only an application that validates has it.
 */
final class ValidAnnotation {

    private static final String VALID = "jakarta.validation.Valid";

    private ValidAnnotation() {
    }

    static boolean isPresent(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getName().equals(VALID)) {
                return true;
            }
        }
        return false;
    }
}
