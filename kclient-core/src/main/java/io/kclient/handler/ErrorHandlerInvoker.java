package io.kclient.handler;

import io.kclient.HandlerExecutionException;
import io.kclient.KClientException;
import io.kclient.config.ErrorHandlerMethod;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConverters;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs the {@code @ErrorHandler} that matches a record's final failure: the one of its topic whose
 * exception type is the most specific that the failure is an instance of.
 */
public final class ErrorHandlerInvoker {

    private record Candidate(ErrorHandlerMethod declaration, MethodArguments arguments) {
    }

    private final Object bean;
    private final List<Candidate> candidates;

    private ErrorHandlerInvoker(Object bean, List<Candidate> candidates) {
        this.bean = bean;
        this.candidates = candidates;
    }

    /** Validates the endpoint's error handlers' signatures at start-up. */
    public static ErrorHandlerInvoker create(HandlerEndpoint endpoint, PayloadConverters converters) {
        List<Candidate> candidates = new ArrayList<>();
        for (ErrorHandlerMethod declaration : endpoint.errorHandlers()) {
            String describe = HandlerEndpoint.describe(endpoint.beanName(), declaration.method());
            HandlerMethodAdapter.makeInvocable(declaration.method(), describe);
            candidates.add(new Candidate(declaration, MethodArguments.forErrorHandler(declaration.method(), converters,
                    describe, declaration.exceptionType())));
        }
        return new ErrorHandlerInvoker(endpoint.bean(), List.copyOf(candidates));
    }

    /**
     * Runs the matching error handler, if any, and says whether one ran. What the error handler
     * throws propagates.
     */
    public boolean invoke(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        Throwable cause = failure instanceof HandlerExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        Candidate chosen = null;
        for (Candidate candidate : candidates) {
            if (candidate.declaration().handles(cause, record.topic()) && (chosen == null
                    || chosen.declaration().exceptionType().isAssignableFrom(candidate.declaration().exceptionType()))) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            return false;
        }
        try {
            chosen.declaration().method().invoke(bean, chosen.arguments().resolve(record, cause));
            return true;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new KClientException("Error handler " + chosen.declaration().method().getName() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new KClientException("Error handler " + chosen.declaration().method().getName() + " cannot be called", e);
        }
    }
}
