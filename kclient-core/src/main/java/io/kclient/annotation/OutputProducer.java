package io.kclient.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a handler's return value to a topic, keyed like the input record. {@code void} or
 * {@code null} publishes nothing, a {@code Collection} each element, a {@code CompletableFuture}
 * its value when it completes, and a {@link io.kclient.Message} chooses its own key, topic and
 * headers.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OutputProducer {

    /** The topic return values go to. */
    String topic() default "";

    /** KClient 1's attribute, an alias of {@link #topic()}. */
    String defaultTopic() default "";

    /** Classpath resource (or {@code file:} path) of Kafka producer properties, as in KClient 1. */
    String propertiesFile() default "";
}
