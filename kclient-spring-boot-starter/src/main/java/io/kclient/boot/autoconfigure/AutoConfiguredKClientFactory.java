package io.kclient.boot.autoconfigure;

import io.kclient.KClient;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadFormat;
import io.kclient.handler.HandlerExtensions;
import io.kclient.spring.config.EnvironmentPlaceholders;
import io.kclient.spring.config.KClientFactory;
import java.util.List;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the engine from {@code kclient.*} properties, the application's {@link KafkaClientFactory}
 * (which has {@code kclient.*} over {@code spring.kafka.*} client settings), the context's JSON mapper,
 * its payload validator, handler interceptors and payload formats, and the {@link KClientBuilderCustomizer}
 * beans, with {@code kclient.handlers.<id>.*} applied over each handler's annotation (an id no handler
 * has fails the build).
 */
final class AutoConfiguredKClientFactory implements KClientFactory {

    private final KClientProperties properties;
    private final KafkaClientFactory clients;
    private final JsonMapper jsonMapper;
    private final Environment environment;
    private final List<KClientBuilderCustomizer> customizers;
    private final HandlerExtensions extensions;
    private final List<PayloadFormat> payloadFormats;

    /**
     * @param clients makes every client, from kclient.* over spring.kafka.*
     * @param jsonMapper the context's mapper, or {@code null} for the engine's plain one
     * @param environment resolves {@code ${...}} in annotations the builder itself reads, and holds
     *     the {@code kclient.handlers} properties, which {@link HandlerPropertiesBinder} matches to handler ids
     * @param extensions the context's payload validator and handler interceptors
     * @param payloadFormats the context's payload formats, asked before those found on the class path
     */
    AutoConfiguredKClientFactory(KClientProperties properties, KafkaClientFactory clients,
            JsonMapper jsonMapper, Environment environment, List<KClientBuilderCustomizer> customizers,
            HandlerExtensions extensions, List<PayloadFormat> payloadFormats) {
        this.properties = properties;
        this.clients = clients;
        this.jsonMapper = jsonMapper;
        this.environment = environment;
        this.customizers = List.copyOf(customizers);
        this.extensions = extensions;
        this.payloadFormats = List.copyOf(payloadFormats);
    }

    @Override
    public KClient create(List<HandlerEndpoint> endpoints) {
        KClient.Builder builder = KClient.builder()
                .clients(clients)
                .defaults(properties.buildDefaults())
                .topics(properties.buildTopicSettings())
                .startTimeout(properties.getStartTimeout())
                .placeholders(new EnvironmentPlaceholders(environment))
                .payloadValidator(extensions.payloadValidator());
        extensions.interceptors().forEach(builder::interceptor);
        payloadFormats.forEach(builder::payloadFormat);
        if (jsonMapper != null) {
            builder.jsonMapper(jsonMapper);
        }
        new HandlerPropertiesBinder(environment).bind(endpoints.stream().map(HandlerEndpoint::id).toList())
                .forEach((id, handler) -> builder.handlerSettings(id, handler.toSettings()));
        endpoints.forEach(builder::endpoint);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
