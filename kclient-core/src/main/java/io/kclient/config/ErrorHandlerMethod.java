package io.kclient.config;

import java.lang.reflect.Method;
import java.util.Objects;

/**
 * A method that handles a handler's failure after its last attempt.
 *
 * @param method the method, on the same bean as the handler
 * @param exceptionType the failures it handles, with their subclasses
 * @param topic only failures of records from this topic; {@code null} for any
 */
public record ErrorHandlerMethod(Method method, Class<? extends Throwable> exceptionType, String topic) {

    public ErrorHandlerMethod {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(exceptionType, "exceptionType");
    }

    /** Whether this method handles the given failure of a record from the given topic. */
    public boolean handles(Throwable failure, String recordTopic) {
        return exceptionType.isInstance(failure) && (topic == null || topic.equals(recordTopic));
    }
}
