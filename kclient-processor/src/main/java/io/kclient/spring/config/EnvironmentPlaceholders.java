package io.kclient.spring.config;

import io.kclient.KClientConfigurationException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.core.env.PropertyResolver;

/**
 * Resolves {@code ${...}} in annotation attributes against the Spring {@code Environment}, so a
 * handler's topics, group and so on may come from any property source. A placeholder that cannot
 * be resolved fails the start naming it, rather than a topic literally called {@code ${dogs.topic}}.
 */
public final class EnvironmentPlaceholders implements UnaryOperator<String> {

    private final PropertyResolver resolver;

    public EnvironmentPlaceholders(PropertyResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public String apply(String value) {
        if (value == null) {
            return null;
        }
        try {
            return resolver.resolveRequiredPlaceholders(value);
        } catch (IllegalArgumentException e) {
            throw new KClientConfigurationException(e.getMessage()
                    + ": define the property, or give the placeholder a default as in ${name:default}", e);
        }
    }
}
