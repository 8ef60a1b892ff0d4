package io.kclient.spring.aot;

import io.kclient.spring.annotation.KClientMethods;
import java.lang.reflect.Method;
import java.util.Set;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ClassUtils;

/**
 * Contributes the reflection hints of each handler bean at build time: KClient finds a handler
 * bean's methods and reads their annotations when the bean is made, calls them reflectively, and
 * binds their payloads by reflection ({@link HandlerReflectionHints}). The bean definitions
 * themselves need nothing of KClient: Spring's AOT engine generates them as it does any bean's.
 */
public class KafkaHandlersAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
        Class<?> type = ClassUtils.getUserClass(bean.getBeanType().toClass());
        Set<Method> methods = KClientMethods.of(type);
        if (methods.isEmpty()) {
            return null;
        }
        return (generation, code) -> HandlerReflectionHints.register(generation.getRuntimeHints().reflection(), type, methods);
    }
}
