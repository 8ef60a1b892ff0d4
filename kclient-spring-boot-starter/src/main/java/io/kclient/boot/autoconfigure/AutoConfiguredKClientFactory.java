package io.kclient.boot.autoconfigure;

import io.kclient.KClient;
import io.kclient.config.HandlerDefaults;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadFormat;
import io.kclient.handler.HandlerExtensions;
import io.kclient.spring.config.EnvironmentPlaceholders;
import io.kclient.spring.config.KClientFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the engine from {@code kclient.*} properties (over {@code spring.kafka.*} ones), the
 * connection details, the context's JSON mapper, its payload validator, handler interceptors and
 * payload formats, and the {@link KClientBuilderCustomizer} beans, with {@code kclient.handlers.<id>.*} applied
 * over each handler's annotation.
 */
final class AutoConfiguredKClientFactory implements KClientFactory {

    private final KClientProperties properties;
    private final KClientConnectionDetails connectionDetails;
    private final JsonMapper jsonMapper;
    private final Environment environment;
    private final List<KClientBuilderCustomizer> customizers;
    private final HandlerExtensions extensions;
    private final List<PayloadFormat> payloadFormats;

    /**
     * @param jsonMapper the context's mapper, or {@code null} for the engine's plain one
     * @param environment resolves {@code ${...}} in annotations the builder itself reads, and holds
     *     the {@code kclient.handlers} properties, which {@link HandlerPropertiesBinder} matches to handler ids
     * @param extensions the context's payload validator and handler interceptors
     * @param payloadFormats the context's payload formats, asked before those found on the class path
     */
    AutoConfiguredKClientFactory(KClientProperties properties, KClientConnectionDetails connectionDetails,
            JsonMapper jsonMapper, Environment environment, List<KClientBuilderCustomizer> customizers,
            HandlerExtensions extensions, List<PayloadFormat> payloadFormats) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.jsonMapper = jsonMapper;
        this.environment = environment;
        this.customizers = List.copyOf(customizers);
        this.extensions = extensions;
        this.payloadFormats = List.copyOf(payloadFormats);
    }

    @Override
    public KClient create(List<HandlerEndpoint> endpoints) {
        HandlerDefaults defaults = properties.buildDefaults();
        KClient.Builder builder = KClient.builder()
                .bootstrapServers(connectionDetails.getBootstrapServers())
                .defaults(defaults)
                .topics(properties.buildTopicSettings())
                .startTimeout(properties.getStartTimeout())
                .maxPayloadBytes(properties.getDefaults().getMaxPayloadBytes())
                .formatSettings(properties.getDefaults().getFormat())
                .tombstones(properties.getDefaults().getTombstones())
                .placeholders(new EnvironmentPlaceholders(environment))
                .payloadValidator(extensions.payloadValidator());
        extensions.interceptors().forEach(builder::interceptor);
        payloadFormats.forEach(builder::payloadFormat);
        if (jsonMapper != null) {
            builder.jsonMapper(jsonMapper);
        }
        applyClientProperties(builder);
        Map<String, KClientProperties.Handler> handlerProperties = new HandlerPropertiesBinder(environment)
                .bind(endpoints.stream().map(HandlerEndpoint::id).toList());
        for (HandlerEndpoint endpoint : endpoints) {
            KClientProperties.Handler overrides = handlerProperties.get(endpoint.id());
            builder.endpoint(overrides != null ? overrides.applyTo(endpoint, defaults.retry()) : endpoint);
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * {@code kclient.*} client properties, and under them what {@code spring.kafka.*} sets and they
     * do not: a Spring Kafka setting is dropped where a kclient one sets its key at any level, since
     * a consumer-level one would otherwise win over a client-level kclient one.
     */
    private void applyClientProperties(KClient.Builder builder) {
        Map<String, Object> client = properties.buildClientProperties();
        Map<String, Object> consumer = properties.buildConsumerProperties();
        Map<String, Object> producer = properties.buildProducerProperties();
        SpringKafkaFallback springKafka = new SpringKafkaFallback(environment);
        builder.clientProperties(springKafka.clientProperties(client.keySet())).clientProperties(client)
                .consumerProperties(springKafka.consumerProperties(union(client.keySet(), consumer.keySet())))
                .consumerProperties(consumer)
                .producerProperties(springKafka.producerProperties(union(client.keySet(), producer.keySet())))
                .producerProperties(producer);
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }
}
