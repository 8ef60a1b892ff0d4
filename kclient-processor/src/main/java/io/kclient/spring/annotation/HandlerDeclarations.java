package io.kclient.spring.annotation;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.util.ClassUtils;

/**
 * The classes an application declares as beans, switched on or off, which the scan of
 * {@code @KafkaHandlers} classes leaves alone: the classes of the bean definitions, the return
 * types of the {@code @Bean} methods of the configuration classes in the context, whether their
 * conditions hold or not, and those of the configuration classes in the scanned packages that a
 * condition switched off. A declaration switched off by its condition must not be switched back
 * on by the scan. A configuration class left out of the context for another reason (a test's
 * {@code @TestConfiguration}, for example) declares nothing.
 */
final class HandlerDeclarations {

    private final BeanDefinitionRegistry registry;
    private final ClassLoader classLoader;
    private final Set<String> typeNames = new HashSet<>();
    private final Map<String, Optional<Class<?>>> types = new HashMap<>();

    /**
     * Reads the declarations of {@code registry}, before the scan registers anything, and of the
     * classes of {@code packages}, through {@code scanner}'s resources and metadata.
     */
    HandlerDeclarations(BeanDefinitionRegistry registry, Collection<String> packages, ClassPathScanningCandidateComponentProvider scanner) {
        this.registry = registry;
        this.classLoader = scanner.getResourceLoader().getClassLoader();
        for (String beanName : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(beanName);
            if (definition.getBeanClassName() != null) {
                typeNames.add(definition.getBeanClassName());
            }
            if (definition instanceof AnnotatedBeanDefinition annotated) {
                addBeanMethods(annotated.getMetadata()); // of the definition's class, or of the one declaring its @Bean method
            }
        }
        ClassPathScanningCandidateComponentProvider beanMethods = beanMethodClasses(scanner);
        for (String basePackage : packages) {
            for (BeanDefinition found : beanMethods.findCandidateComponents(basePackage)) {
                addBeanMethods(((AnnotatedBeanDefinition) found).getMetadata());
            }
        }
    }

    /**
     * Whether the application declares {@code className}: a declared class is it or a subclass of
     * it, or the bean named {@code beanName} (as the scan would name it) is declared of a type
     * that may be it ({@code Object}, an interface it implements).
     */
    boolean declare(String className, String beanName) {
        if (typeNames.contains(className)) {
            return true;
        }
        Class<?> candidate = load(className);
        if (candidate == null) {
            return false;
        }
        for (String typeName : typeNames) {
            Class<?> type = load(typeName);
            if (type != null && candidate.isAssignableFrom(type)) {
                return true;
            }
        }
        if (!registry.containsBeanDefinition(beanName)) {
            return false;
        }
        Class<?> named = load(declaredType(registry.getBeanDefinition(beanName)));
        return named != null && named.isAssignableFrom(candidate);
    }

    private void addBeanMethods(AnnotationMetadata metadata) {
        for (MethodMetadata method : metadata.getAnnotatedMethods(Bean.class.getName())) {
            typeNames.add(method.getReturnTypeName());
        }
    }

    private static String declaredType(BeanDefinition definition) {
        if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
            return annotated.getFactoryMethodMetadata().getReturnTypeName();
        }
        return definition.getBeanClassName();
    }

    /** The class of that name, or {@code null} where it cannot be loaded (a class a switched-off declaration may miss). */
    private Class<?> load(String className) {
        if (className == null) {
            return null;
        }
        return types.computeIfAbsent(className, name -> {
            try {
                return Optional.of(ClassUtils.forName(name, classLoader));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** Finds the classes with {@code @Bean} methods and a condition, without asking it. */
    private static ClassPathScanningCandidateComponentProvider beanMethodClasses(ClassPathScanningCandidateComponentProvider scanner) {
        ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(false) {

            @Override
            protected boolean isCandidateComponent(MetadataReader reader) {
                AnnotationMetadata metadata = reader.getAnnotationMetadata();
                return metadata.isAnnotated(Conditional.class.getName()) && metadata.hasAnnotatedMethods(Bean.class.getName());
            }

            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        provider.setResourceLoader(scanner.getResourceLoader());
        provider.setMetadataReaderFactory(scanner.getMetadataReaderFactory());
        return provider;
    }
}
