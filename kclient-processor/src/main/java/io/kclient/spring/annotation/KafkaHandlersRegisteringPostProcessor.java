package io.kclient.spring.annotation;

import io.kclient.annotation.KafkaHandlers;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Registers every {@link KafkaHandlers} class of some packages as a bean, unless a bean of that
 * class is defined already. It runs after configuration classes are processed, so beans from
 * component scanning and {@code @Bean} methods are known by then, whatever the order of imports.
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
        Set<String> defined = definedClassNames(registry);
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false, environment);
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(KafkaHandlers.class));
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                if (defined.add(candidate.getBeanClassName())) {
                    AnnotationConfigUtils.processCommonDefinitionAnnotations((AnnotatedBeanDefinition) candidate);
                    registry.registerBeanDefinition(
                            AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry), candidate);
                }
            }
        }
    }

    /** Classes of the beans defined so far: by class name, or by the return type of a {@code @Bean} method. */
    private static Set<String> definedClassNames(BeanDefinitionRegistry registry) {
        Set<String> names = new HashSet<>();
        for (String beanName : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(beanName);
            if (definition.getBeanClassName() != null) {
                names.add(definition.getBeanClassName());
            }
            if (definition instanceof AnnotatedBeanDefinition annotated) {
                MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
                if (factoryMethod != null) {
                    names.add(factoryMethod.getReturnTypeName());
                }
            }
        }
        return names;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
