package io.kclient.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Makes every {@code @KafkaHandlers} class in the given packages a bean, so handler classes need
 * no {@code @Component}. A class that is a bean already (component-scanned, or returned by a
 * {@code @Bean} method) is not registered twice. Without packages, the package of the annotated
 * class is scanned.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(KafkaHandlersScanRegistrar.class)
public @interface KafkaHandlersScan {

    /** Alias of {@link #basePackages()}. */
    @AliasFor("basePackages")
    String[] value() default {};

    /** Packages to scan, with their sub-packages. */
    @AliasFor("value")
    String[] basePackages() default {};

    /** Type-safe alternative to {@link #basePackages()}: the packages of these classes are scanned. */
    Class<?>[] basePackageClasses() default {};
}
