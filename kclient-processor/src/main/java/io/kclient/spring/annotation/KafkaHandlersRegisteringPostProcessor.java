package io.kclient.spring.annotation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers every {@link io.kclient.annotation.KafkaHandlers} class of some packages as a bean, unless the application
 * declares it otherwise, switched on or off ({@link KafkaHandlersScanner}). It runs after
 * configuration classes are processed, so beans from component scanning and {@code @Bean}
 * methods are known by then, whatever the order of imports. The one place where KClient adds
 * bean definitions of the application's classes.
 */
public class KafkaHandlersRegisteringPostProcessor implements BeanDefinitionRegistryPostProcessor,
        EnvironmentAware, ResourceLoaderAware {

    static final String BEAN_NAME = "io.kclient.spring.annotation.internalKafkaHandlersRegisteringPostProcessor";

    private final Set<String> packages;
    private Environment environment;
    private ResourceLoader resourceLoader;

    public KafkaHandlersRegisteringPostProcessor(Collection<String> packages) {
        this.packages = new LinkedHashSet<>(packages);
    }

    /**
     * Scans these packages, too: declares the post-processor, or adds them to the one declared,
     * so several scans (an annotation, the Boot starter) share one pass.
     */
    @SuppressWarnings("unchecked")
    public static void register(BeanDefinitionRegistry registry, Collection<String> packages) {
        if (registry.containsBeanDefinition(BEAN_NAME)) {
            ValueHolder holder = registry.getBeanDefinition(BEAN_NAME).getConstructorArgumentValues()
                    .getIndexedArgumentValue(0, Collection.class);
            ((Collection<String>) holder.getValue()).addAll(packages);
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(KafkaHandlersRegisteringPostProcessor.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, new LinkedHashSet<>(packages));
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(BEAN_NAME, definition);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        new KafkaHandlersScanner(registry, environment, resourceLoader, packages).scan();
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
