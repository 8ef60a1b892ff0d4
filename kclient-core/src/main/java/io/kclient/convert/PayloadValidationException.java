package io.kclient.convert;

import java.util.List;

/**
 * A payload was converted but broke the constraints of its {@code @Valid} parameter: like a
 * payload that cannot be converted, it is not retried and goes to the dead-letter topic, whose
 * exception-message header lists the violations.
 */
public class PayloadValidationException extends PayloadConversionException {

    private final List<String> violations;

    /**
     * @param type the parameter type the payload was converted to
     * @param violations each as {@code "property: message"}
     */
    public PayloadValidationException(String type, List<String> violations) {
        super("Payload of " + type + " is invalid: " + String.join("; ", violations), null);
        this.violations = List.copyOf(violations);
    }

    /** Each violation as {@code "property: message"}. */
    public List<String> violations() {
        return violations;
    }
}
