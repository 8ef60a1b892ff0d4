package io.kclient.spring.config;

import io.kclient.KClient;
import io.kclient.config.HandlerEndpoint;
import java.util.List;

/**
 * Builds the engine that runs the handlers found in the context. The Spring Boot starter supplies
 * one configured from {@code kclient.*} properties; with {@code @EnableKClient} the application
 * declares its own, typically:
 *
 * <pre>{@code
 * @Bean
 * KClientFactory kclientFactory() {
 *     return endpoints -> {
 *         KClient.Builder builder = KClient.builder().bootstrapServers("localhost:9092");
 *         endpoints.forEach(builder::endpoint);
 *         return builder.build();
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KClientFactory {

    /**
     * Builds, without starting it, an engine running these endpoints; validates every one of them.
     *
     * @param endpoints the handlers read from the context's beans, in registration order
     * @return the engine, not yet started
     */
    KClient create(List<HandlerEndpoint> endpoints);
}
