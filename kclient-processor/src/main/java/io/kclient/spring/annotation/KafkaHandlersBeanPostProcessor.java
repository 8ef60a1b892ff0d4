package io.kclient.spring.annotation;

import io.kclient.KClientConfigurationException;
import io.kclient.config.AnnotatedHandlerReader;
import io.kclient.config.HandlerEndpoint;
import io.kclient.spring.config.EnvironmentPlaceholders;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads the {@code @InputConsumer} (and {@code @ErrorHandler}) methods of every bean, with or
 * without {@code @KafkaHandlers} on its class, into endpoints of the {@link KClientEndpointRegistry}.
 * Annotation attributes may hold {@code ${...}} placeholders, resolved against the {@link Environment}.
 *
 * <p>It sees each bean after every ordered post-processor, so a bean proxied for transactions or
 * security is called through its proxy, while its handler methods are read from the proxied
 * class. It looks the registry up only once it meets a handler, so declaring it creates no other
 * bean early; declare it from a {@code static} {@code @Bean} method.
 */
public class KafkaHandlersBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware, EnvironmentAware {

    /** Classes known to have no KClient method; prototypes need not be introspected twice. */
    private final Set<Class<?>> classesWithoutKClientMethods = ConcurrentHashMap.newKeySet();
    /** The first handler bean of each class, to tell a class that the package scan made a bean again. */
    private final Map<Class<?>, String> handlerBeans = new ConcurrentHashMap<>();
    private BeanFactory beanFactory;
    private AnnotatedHandlerReader reader;
    private volatile KClientEndpointRegistry registry;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.reader = new AnnotatedHandlerReader(new EnvironmentPlaceholders(environment));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (ScopedProxyUtils.isScopedTarget(beanName)) {
            return bean; // its scoped proxy is a bean too, and the one to call
        }
        Class<?> userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        if (classesWithoutKClientMethods.contains(userClass)) {
            return bean;
        }
        Set<Method> methods = KClientMethods.of(userClass); // error handlers count: the reader fails on one alone
        if (methods.isEmpty()) {
            classesWithoutKClientMethods.add(userClass);
            return bean;
        }
        if (AopUtils.isJdkDynamicProxy(bean)) {
            throw new KClientConfigurationException("Bean '" + beanName + "' (" + userClass.getName() + ") has "
                    + "@InputConsumer methods but is a JDK dynamic proxy, on which they cannot be called: "
                    + "proxy the class instead (proxyTargetClass = true)");
        }
        if (AopUtils.isCglibProxy(bean)) {
            methods.forEach(method -> requireOverriddenByProxy(bean, beanName, method));
        }
        requireNotScannedAgain(userClass, beanName);
        registry().register(reader.read(bean, beanName, userClass));
        return bean;
    }

    /**
     * The scan of {@code @KafkaHandlers} classes cannot see a class behind a {@code @Bean} method's
     * wider return type ({@code Object}, an interface), so it makes the class a bean again, and
     * both would consume. Two beans of a class declared by the application may be meant (each
     * with its own {@code kclient.handlers} properties), so only the scan's second bean fails.
     */
    private void requireNotScannedAgain(Class<?> userClass, String beanName) {
        String first = handlerBeans.putIfAbsent(userClass, beanName);
        if (first == null || !(scanned(first) || scanned(beanName))) {
            return;
        }
        String made = scanned(beanName) ? beanName : first;
        String declared = made.equals(beanName) ? first : beanName;
        throw new KClientConfigurationException(userClass.getName() + " is a handler bean twice: '" + declared + "' and '" + made
                + "', which the scan of @KafkaHandlers classes added, seeing no bean declared of that class: declare "
                + userClass.getSimpleName() + " as the return type of the @Bean method of '" + declared + "', so they are one bean");
    }

    private boolean scanned(String beanName) {
        return beanFactory instanceof ConfigurableListableBeanFactory factory && factory.containsBeanDefinition(beanName)
                && factory.getBeanDefinition(beanName).getAttribute(KafkaHandlersScanner.SCANNED) != null;
    }

    /**
     * KClient calls a proxied bean's methods on its proxy, which passes them through its aspects
     * to the bean; a method the proxy cannot override (private, final) would run on the proxy
     * instance itself, whose fields are not set, and skip the aspects. Spring refuses the same for
     * {@code @EventListener} and {@code @Scheduled} methods.
     */
    private static void requireOverriddenByProxy(Object proxy, String beanName, Method method) {
        Method called = ReflectionUtils.findMethod(proxy.getClass(), method.getName(), method.getParameterTypes());
        if (called != null && called.getDeclaringClass() != method.getDeclaringClass()) {
            return;
        }
        int modifiers = method.getModifiers();
        String why = Modifier.isPrivate(modifiers) ? "private" : Modifier.isFinal(modifiers) ? "final" : "out of its proxy's reach";
        throw new KClientConfigurationException(HandlerEndpoint.describe(beanName, method) + " is " + why + ", but the bean is "
                + "a CGLIB proxy (an aspect such as @Transactional or @Validated applies to it): called on the proxy, the method "
                + "would see none of the bean's fields and skip the aspect; make it public and not final");
    }

    private KClientEndpointRegistry registry() {
        KClientEndpointRegistry found = registry;
        if (found == null) {
            try {
                found = beanFactory.getBean(KClientEndpointRegistry.class);
            } catch (NoSuchBeanDefinitionException e) {
                throw new KClientConfigurationException("No KClientEndpointRegistry bean to register handlers with: "
                        + "add @EnableKClient to a @Configuration class, or use kclient-spring-boot-starter", e);
            }
            registry = found;
        }
        return found;
    }
}
