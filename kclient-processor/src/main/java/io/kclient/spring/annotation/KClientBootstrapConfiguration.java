package io.kclient.spring.annotation;

import io.kclient.KClientConfigurationException;
import io.kclient.spring.config.KClientEndpointRegistry;
import io.kclient.spring.config.KClientFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * What {@link EnableKClient} imports: the post-processor that finds handlers, the check of how
 * handler beans are declared, and the registry that runs them with the engine built by the
 * application's {@link KClientFactory}.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class KClientBootstrapConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static KafkaHandlersBeanPostProcessor kafkaHandlersBeanPostProcessor() {
        return new KafkaHandlersBeanPostProcessor();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static HandlerBeanDefinitionCheck kclientHandlerBeanDefinitionCheck() {
        return new HandlerBeanDefinitionCheck();
    }

    /** The factory is looked up only when the engine is built, so the registry creates nothing early. */
    @Bean
    KClientEndpointRegistry kclientEndpointRegistry(ObjectProvider<KClientFactory> factory) {
        return new KClientEndpointRegistry(endpoints -> factory.getIfAvailable(() -> {
            throw new KClientConfigurationException("@EnableKClient needs a KClientFactory bean to build the engine: "
                    + "declare @Bean KClientFactory returning endpoints -> KClient.builder()...endpoint(...).build(), "
                    + "or use kclient-spring-boot-starter");
        }).create(endpoints));
    }
}
