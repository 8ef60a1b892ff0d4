package io.kclient.config;

import io.kclient.KClientConfigurationException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${name}} and {@code ${name:default}} in annotation attributes from system
 * properties, then environment variables: the plain-Java counterpart of Spring's Environment.
 */
public final class SystemPropertyPlaceholders implements UnaryOperator<String> {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private final Function<String, String> lookup;

    public SystemPropertyPlaceholders() {
        this(name -> System.getProperty(name, System.getenv(name)));
    }

    /** For tests: values come from {@code lookup} ({@code null} when unknown). */
    public SystemPropertyPlaceholders(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    @Override
    public String apply(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String found = lookup.apply(matcher.group(1));
            if (found == null) {
                found = matcher.group(2);
            }
            if (found == null) {
                throw new KClientConfigurationException("Could not resolve placeholder '" + matcher.group(1) + "' in \""
                        + value + "\": set the system property or environment variable, or give a default: ${"
                        + matcher.group(1) + ":value}");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(found));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
