package io.kclient.boot.autoconfigure;

import io.kclient.KClient;

/**
 * Changes the {@link KClient.Builder} the auto-configured factory has set up from the
 * {@code kclient.*} properties, before it builds the engine. Customizer beans run in
 * {@link org.springframework.core.Ordered order}, after the properties are applied, so they win.
 */
@FunctionalInterface
public interface KClientBuilderCustomizer {

    /** @param builder the builder, with properties, connection details, JSON mapper and endpoints applied */
    void customize(KClient.Builder builder);
}
