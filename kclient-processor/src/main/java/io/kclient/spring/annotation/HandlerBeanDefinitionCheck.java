package io.kclient.spring.annotation;

import io.kclient.KClientConfigurationException;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Fails the start on a handler bean declared so that its handlers would never run: lazy (made at
 * its first use, if any, after the engine is built) or of another scope than singleton (a new
 * instance at each lookup, none of which KClient would see). It reads bean definitions before any
 * bean exists, by the type each declares, so a handler class behind a {@code @Bean} method's
 * wider return type ({@code Object}, an interface) escapes it, as it escapes Spring's own checks.
 */
public class HandlerBeanDefinitionCheck implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
            if (definition.isAbstract() || ScopedProxyUtils.isScopedTarget(beanName)) {
                continue; // a scoped bean is called through its proxy, a singleton
            }
            if (definition.isLazyInit() || !definition.isSingleton()) {
                Class<?> type = typeOf(beanFactory, beanName);
                if (KClientMethods.in(type)) {
                    throw new KClientConfigurationException(refusal(beanName, type, definition));
                }
            }
        }
    }

    private static String refusal(String beanName, Class<?> type, BeanDefinition definition) {
        String bean = "Bean '" + beanName + "' (" + type.getName() + ") has @InputConsumer methods but is ";
        if (!definition.isSingleton()) {
            String scope = definition.getScope();
            return bean + "a '" + scope + "' bean: KClient runs one instance of a handler bean for the context's life, and "
                    + "would never see the instances each lookup makes; make it a singleton (remove @Scope(\"" + scope + "\"))";
        }
        return bean + "lazy: it would be made at its first use, if any, after the handlers started, so its handlers would "
                + "never run; remove @Lazy (to keep its handlers from running, declare the bean under a condition)";
    }

    /** The type the definition declares, without making the bean or any factory bean. */
    private static Class<?> typeOf(ConfigurableListableBeanFactory beanFactory, String beanName) {
        try {
            return beanFactory.getType(beanName, false);
        } catch (NoSuchBeanDefinitionException e) {
            return null;
        }
    }
}
