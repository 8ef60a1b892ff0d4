package io.kclient.boot.autoconfigure;

import io.kclient.KClient;
import io.kclient.KafkaPublisher;
import io.kclient.boot.autoconfigure.observation.KClientObservationConfiguration;
import io.kclient.boot.console.ConsoleProperties;
import io.kclient.boot.autoconfigure.validation.KClientValidationConfiguration;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.convert.PayloadFormat;
import io.kclient.handler.HandlerExtensions;
import io.kclient.handler.HandlerInterceptor;
import io.kclient.handler.PayloadValidator;
import io.kclient.rpc.RpcClient;
import io.kclient.spring.annotation.HandlerBeanDefinitionCheck;
import io.kclient.spring.annotation.KClientMethods;
import io.kclient.spring.annotation.KafkaHandlersBeanPostProcessor;
import io.kclient.spring.config.KClientEndpointRegistry;
import io.kclient.spring.config.KClientFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the {@code @InputConsumer} methods of the application's beans as Kafka handlers, configured
 * by {@code kclient.*} properties. {@code @KafkaHandlers} classes in the application's packages
 * become beans without {@code @Component}. {@code @Valid} payloads are validated with the context's
 * Bean Validation {@code Validator}, and handler calls observed with its {@code ObservationRegistry}
 * (which carries traces through handlers), when the application has them. Every bean backs off when the application defines its
 * own; {@code kclient.enabled=false} turns it all off.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class, afterName = {
        "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(KClient.class)
@ConditionalOnProperty(prefix = "kclient", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({KClientProperties.class, ScalingProperties.class, RedriveProperties.class, ConsoleProperties.class})
@Import({KafkaHandlersPackagesRegistrar.class, KClientValidationConfiguration.class, KClientObservationConfiguration.class})
public final class KClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(KClientConnectionDetails.class)
    PropertiesKClientConnectionDetails kclientConnectionDetails(KClientProperties properties, Environment environment) {
        return new PropertiesKClientConnectionDetails(properties, environment);
    }

    /**
     * Every Kafka client KClient makes comes from here: {@code kclient.*} over {@code spring.kafka.*},
     * security included, then the {@link KafkaClientFactoryCustomizer} beans in their {@code @Order}.
     */
    @Bean
    @ConditionalOnMissingBean
    KafkaClientFactory kclientClientFactory(KClientProperties properties, KClientConnectionDetails connectionDetails,
            Environment environment, ObjectProvider<KafkaClientFactoryCustomizer> customizers) {
        return PropertiesKafkaClientFactory.create(properties, connectionDetails, environment, customizers.orderedStream().toList());
    }

    /**
     * Jackson's {@link JsonMapper} bean, not any {@code ObjectMapper}: Boot may define CBOR and XML
     * mappers too. {@link HandlerInterceptor} beans run in their {@code @Order}; {@link PayloadFormat} beans
     * (a schema registry's wire format, say) are asked, in their order, before the formats on the class path.
     */
    @Bean
    @ConditionalOnMissingBean
    KClientFactory kclientFactory(KClientProperties properties, KafkaClientFactory clients,
            ObjectProvider<JsonMapper> jsonMapper, Environment environment,
            ObjectProvider<KClientBuilderCustomizer> customizers, ObjectProvider<PayloadValidator> payloadValidator,
            ObjectProvider<HandlerInterceptor> interceptors, ObjectProvider<PayloadFormat> payloadFormats) {
        return new AutoConfiguredKClientFactory(properties, clients, jsonMapper.getIfAvailable(),
                environment, customizers.orderedStream().toList(),
                new HandlerExtensions(payloadValidator.getIfUnique(), interceptors.orderedStream().toList()),
                payloadFormats.orderedStream().toList());
    }

    @Bean
    KClientBuilderCustomizer kclientOperationsCustomizer(ScalingProperties scaling, RedriveProperties redrive) {
        return builder -> builder.scaling(scaling.build()).redrive(redrive.build());
    }

    /**
     * Connects like the handlers (the same client factory, topic settings and the context's
     * mapper); it opens nothing until the first call, and is closed with the context.
     */
    @Bean
    @ConditionalOnMissingBean
    RpcClient kclientRpcClient(KClientProperties properties, KafkaClientFactory clients, ObjectProvider<JsonMapper> jsonMapper) {
        RpcClient.Builder builder = RpcClient.builder()
                .clients(clients)
                .topics(properties.buildTopicSettings())
                .startTimeout(properties.getStartTimeout())
                .replyTopic(properties.getRpc().getReplyTopic());
        jsonMapper.ifAvailable(builder::jsonMapper);
        return builder.build();
    }

    /**
     * Publishes from anywhere in the application, connected like the handlers (the same client
     * factory, the context's mapper); on a handler's thread its sends belong to the record handled.
     * It opens nothing until its first send, and is closed with the context.
     */
    @Bean
    @ConditionalOnMissingBean
    KafkaPublisher kclientPublisher(KafkaClientFactory clients, ObjectProvider<JsonMapper> jsonMapper) {
        KafkaPublisher.Builder builder = KafkaPublisher.builder().clients(clients);
        jsonMapper.ifAvailable(builder::jsonMapper);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static KafkaHandlersBeanPostProcessor kafkaHandlersBeanPostProcessor() {
        return new KafkaHandlersBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static HandlerBeanDefinitionCheck kclientHandlerBeanDefinitionCheck() {
        return new HandlerBeanDefinitionCheck();
    }

    /**
     * Handler beans are made with the context under {@code spring.main.lazy-initialization} too,
     * as Spring Boot makes {@code @Scheduled} beans: their handlers start with it.
     */
    @Bean
    static LazyInitializationExcludeFilter kclientHandlersLazyInitializationExcludeFilter() {
        return (beanName, definition, beanType) -> KClientMethods.in(beanType);
    }

    /**
     * The factory is looked up only when the engine is built, once every singleton exists, so
     * meeting the first handler bean creates nothing else early.
     */
    @Bean
    @ConditionalOnMissingBean
    KClientEndpointRegistry kclientEndpointRegistry(ObjectProvider<KClientFactory> factory, KClientProperties properties) {
        KClientEndpointRegistry registry = new KClientEndpointRegistry(endpoints -> factory.getObject().create(endpoints));
        registry.setAutoStartup(properties.isAutoStartup());
        return registry;
    }
}
