package io.kclient.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles the failure of a handler in the same class after its last retry, before the record
 * goes to the dead-letter topic. The method may take the exception, the payload (typed like a
 * handler's), and the {@code ConsumerRecord}. The most specific matching exception type wins.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ErrorHandler {

    /** The exception type handled, with its subclasses. */
    Class<? extends Throwable> exception() default Throwable.class;

    /** Only failures of records from this topic; empty for any topic of the class's handlers. */
    String topic() default "";
}
