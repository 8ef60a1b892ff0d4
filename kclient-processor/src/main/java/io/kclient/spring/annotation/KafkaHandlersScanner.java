package io.kclient.spring.annotation;

import io.kclient.annotation.KafkaHandlers;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Registers the {@link KafkaHandlers} classes of some packages that the application declares
 * nowhere else ({@link HandlerDeclarations}), as component scanning would, with their conditions,
 * scope and {@code @Lazy}, and marks them {@linkplain #SCANNED scanned}.
 */
final class KafkaHandlersScanner extends ClassPathBeanDefinitionScanner {

    /** The attribute of a bean definition this scan registered. */
    static final String SCANNED = KafkaHandlersScanner.class.getName() + ".scanned";

    private final List<String> packages;
    /** Read at the first class found: before this scan registers any. */
    private HandlerDeclarations declarations;

    KafkaHandlersScanner(BeanDefinitionRegistry registry, Environment environment, ResourceLoader resourceLoader,
            Collection<String> packages) {
        super(registry, false, environment, resourceLoader);
        this.packages = List.copyOf(packages);
        addIncludeFilter(new AnnotationTypeFilter(KafkaHandlers.class));
        setIncludeAnnotationConfig(false);
    }

    /** Registers the classes nothing declares; returns how many. */
    int scan() {
        return scan(packages.toArray(String[]::new));
    }

    @Override
    protected boolean checkCandidate(String beanName, BeanDefinition candidate) {
        if (declarations == null) {
            declarations = new HandlerDeclarations(getRegistry(), packages, this);
        }
        return !declarations.declare(candidate.getBeanClassName(), beanName) && super.checkCandidate(beanName, candidate);
    }

    @Override
    protected void postProcessBeanDefinition(AbstractBeanDefinition definition, String beanName) {
        super.postProcessBeanDefinition(definition, beanName);
        definition.setAttribute(SCANNED, true);
    }
}
