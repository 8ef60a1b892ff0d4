package io.kclient.boot.autoconfigure;

import io.kclient.clients.KafkaClientFactory;

/**
 * Changes the {@link KafkaClientFactory.Builder} the starter has set up from {@code kclient.*}
 * and {@code spring.kafka.*}, before it builds the one factory every client comes from (the
 * handlers', the {@code KafkaPublisher}'s, the {@code RpcClient}'s, the admin client). Customizer
 * beans run in {@link org.springframework.core.Ordered order}, after the properties, so they win:
 * the place to add a setting computed at run time, or to give tests mock clients.
 */
@FunctionalInterface
public interface KafkaClientFactoryCustomizer {

    /** @param builder the builder, with the bootstrap servers and every property applied */
    void customize(KafkaClientFactory.Builder builder);
}
