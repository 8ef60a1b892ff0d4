package io.kclient.boot.autoconfigure;

import io.kclient.spring.annotation.KafkaHandlersRegisteringPostProcessor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Scans the application's packages (those of its {@code @SpringBootApplication}) for
 * {@code @KafkaHandlers} classes, so they need no {@code @Component}; {@code @KafkaHandlersScan}
 * adds packages to these.
 */
class KafkaHandlersPackagesRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {

    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (AutoConfigurationPackages.has(beanFactory)) {
            KafkaHandlersRegisteringPostProcessor.register(registry, AutoConfigurationPackages.get(beanFactory));
        }
    }
}
