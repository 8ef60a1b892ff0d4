package io.kclient.handler;

import io.kclient.HandlerExecutionException;
import io.kclient.KClientException;
import io.kclient.config.ErrorHandlerMethod;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConverters;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;

/**
 * Runs the {@code @ErrorHandler} that matches a record's final failure: the one of its topic whose
 * exception type is the most specific that the failure is an instance of. What it sends through the
 * publisher on its thread belongs to the record ({@link JoinedSends}): sent when it returns, through
 * the handler's producer (an exactly-once handler's join its transaction), and the record is done
 * only once they are acknowledged too.
 */
public final class ErrorHandlerInvoker {

    private record Candidate(ErrorHandlerMethod declaration, MethodArguments arguments) {
    }

    private static final CompletableFuture<Void> NOTHING_SENT = CompletableFuture.completedFuture(null);

    private final Object bean;
    private final String handlerId;
    private final List<Candidate> candidates;
    private final Supplier<Producer<byte[], byte[]>> producer;
    private final boolean exactlyOnce;

    private ErrorHandlerInvoker(HandlerEndpoint endpoint, List<Candidate> candidates, Supplier<Producer<byte[], byte[]>> producer,
            boolean exactlyOnce) {
        this.bean = endpoint.bean();
        this.handlerId = endpoint.id();
        this.candidates = candidates;
        this.producer = producer;
        this.exactlyOnce = exactlyOnce;
    }

    /**
     * Validates the endpoint's error handlers' signatures at start-up.
     *
     * @param producer the producer the error handlers' sends go through: the one of the handler's
     *     outputs and dead letters
     * @param exactlyOnce whether {@code producer} is transactional, so those sends join the transaction
     */
    public static ErrorHandlerInvoker create(HandlerEndpoint endpoint, PayloadConverters converters,
            Supplier<Producer<byte[], byte[]>> producer, boolean exactlyOnce) {
        List<Candidate> candidates = new ArrayList<>();
        for (ErrorHandlerMethod declaration : endpoint.errorHandlers()) {
            String describe = HandlerEndpoint.describe(endpoint.beanName(), declaration.method());
            HandlerMethodAdapter.makeInvocable(declaration.method(), describe);
            candidates.add(new Candidate(declaration, MethodArguments.forErrorHandler(declaration.method(), converters,
                    describe, declaration.exceptionType())));
        }
        return new ErrorHandlerInvoker(endpoint, List.copyOf(candidates), producer, exactlyOnce);
    }

    /**
     * Runs the matching error handler, if any. What the error handler throws propagates, and what it
     * sent is then dropped unsent.
     *
     * @return completes once the broker acknowledged what the error handler sent through the
     *     publisher (at once when none ran or it sent nothing); fails with the first refusal
     */
    public CompletableFuture<Void> invoke(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        Throwable cause = failure instanceof HandlerExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        Candidate chosen = null;
        for (Candidate candidate : candidates) {
            if (candidate.declaration().handles(cause, record.topic()) && (chosen == null
                    || chosen.declaration().exceptionType().isAssignableFrom(candidate.declaration().exceptionType()))) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            return NOTHING_SENT;
        }
        String name = chosen.declaration().method().getName();
        JoinedSends joined = JoinedSends.open(handlerId, exactlyOnce);
        try {
            chosen.declaration().method().invoke(bean, chosen.arguments().resolve(record, cause));
        } catch (InvocationTargetException e) {
            RuntimeException thrown = e.getCause() instanceof RuntimeException runtime ? runtime
                    : new KClientException("Error handler " + name + " failed", e.getCause());
            throw dropped(joined, name, thrown);
        } catch (IllegalAccessException e) {
            throw dropped(joined, name, new KClientException("Error handler " + name + " cannot be called", e));
        } catch (RuntimeException | Error e) {
            dropped(joined, name, e);
            throw e;
        }
        return joined.sendAlone(producer.get(), record);
    }

    private static <T extends Throwable> T dropped(JoinedSends joined, String errorHandler, T why) {
        joined.discard("error handler " + errorHandler + " of '" + joined.handlerId() + "' failed before its sends went out "
                + "(they go out once it returns; the record still goes to its dead-letter topic)", why);
        return why;
    }
}
