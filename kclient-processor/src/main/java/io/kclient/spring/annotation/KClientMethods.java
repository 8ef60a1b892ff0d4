package io.kclient.spring.annotation;

import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The methods KClient calls on a bean: its {@code @InputConsumer} and {@code @ErrorHandler}
 * methods, declared or inherited. A class with any is a handler class, wherever that is asked:
 * when a bean is post-processed, and of bean definitions before any bean exists.
 */
public final class KClientMethods {

    private KClientMethods() {
    }

    /** The handler and error handler methods of {@code type}, as written (not a proxy's); empty for most classes. */
    public static Set<Method> of(Class<?> type) {
        if (!AnnotationUtils.isCandidateClass(type, List.of(InputConsumer.class, ErrorHandler.class))) {
            return Set.of();
        }
        return MethodIntrospector.selectMethods(type, (ReflectionUtils.MethodFilter) method ->
                method.isAnnotationPresent(InputConsumer.class) || method.isAnnotationPresent(ErrorHandler.class));
    }

    /** Whether {@code type} has handler or error handler methods; {@code false} for {@code null}. */
    public static boolean in(Class<?> type) {
        return type != null && !of(type).isEmpty();
    }
}
