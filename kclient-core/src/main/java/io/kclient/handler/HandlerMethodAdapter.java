package io.kclient.handler;

import io.kclient.HandlerExecutionException;
import io.kclient.KClientConfigurationException;
import io.kclient.Message;
import io.kclient.RecordCoordinates;
import io.kclient.TombstonePolicy;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadConverters;
import io.kclient.observe.HandlerObserver;
import io.kclient.listener.RecordHandler;
import io.kclient.listener.RecordOutcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler method as the engine sees it: converts the record into the method's arguments, calls
 * it, and publishes what it returns. Everything reflective is decided once, in {@link #create}.
 */
public final class HandlerMethodAdapter implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(HandlerMethodAdapter.class);

    private final Object bean;
    private final Method method;
    private final String handlerId;
    private final MethodArguments arguments;
    private final OutputPublisher output;
    private final InterceptorChain interceptors;
    private final TombstonePolicy tombstones;
    private final HandlerObserver observer;
    private final boolean exactlyOnce;

    private HandlerMethodAdapter(HandlerEndpoint endpoint, MethodArguments arguments, OutputPublisher output,
            InterceptorChain interceptors, TombstonePolicy tombstones, HandlerObserver observer, boolean exactlyOnce) {
        this.bean = endpoint.bean();
        this.method = endpoint.method();
        this.handlerId = endpoint.id();
        this.arguments = arguments;
        this.output = output;
        this.interceptors = interceptors;
        this.tombstones = tombstones;
        this.observer = observer;
        this.exactlyOnce = exactlyOnce;
    }

    /** Validates the endpoint's method; a mistake fails here, naming the bean, the method and the fix. */
    public static HandlerMethodAdapter create(HandlerEndpoint endpoint, PayloadConverters converters,
            Producer<byte[], byte[]> producer) {
        return create(endpoint, converters, () -> producer, () -> producer, HandlerExtensions.NONE, HandlerObserver.NONE,
                endpoint.settings().over(HandlerSettings.DEFAULTS).get(HandlerSettings.TOMBSTONES), false);
    }

    /**
     * As {@link #create(HandlerEndpoint, PayloadConverters, Producer)}, with the producer asked for
     * at each publish (a transactional handler's producer is its container's, new at each start),
     * replies to requests sent by {@code replyProducer} (one tuned for latency, since a caller
     * waits for each), the application's validator and interceptors, an observer that hears
     * of each output record the broker acknowledged and each tombstone skipped, and what a
     * tombstone the signature does not take becomes.
     *
     * @param exactlyOnce whether {@code producer} is transactional, so the publisher's sends during
     *     a call join the handler's transaction (see {@link JoinedSends})
     */
    public static HandlerMethodAdapter create(HandlerEndpoint endpoint, PayloadConverters converters,
            Supplier<Producer<byte[], byte[]>> producer, Supplier<Producer<byte[], byte[]>> replyProducer,
            HandlerExtensions extensions, HandlerObserver observer, TombstonePolicy tombstones, boolean exactlyOnce) {
        Method method = endpoint.method();
        makeInvocable(method, endpoint.describe());
        checkReturnType(endpoint);
        MethodArguments arguments = MethodArguments.forHandler(method, converters, extensions.payloadValidator(), endpoint.describe());
        return new HandlerMethodAdapter(endpoint, arguments, new OutputPublisher(producer, replyProducer, converters,
                endpoint.outputTopic(), endpoint.repliesOnly(), endpoint.id(), observer), new InterceptorChain(extensions.interceptors()),
                tombstones, observer, exactlyOnce);
    }

    @Override
    public RecordOutcome handle(ConsumerRecord<byte[], byte[]> record) {
        HandlerInterceptor.Invocation invocation = interceptors.begin(handlerId, record);
        RecordOutcome outcome;
        try (HandlerInterceptor.Scope scope = invocation.makeCurrent()) {
            outcome = invoke(record, invocation);
        } catch (RuntimeException | Error unexpected) {
            invocation.end(unexpected); // the retrying handler makes it a failure; the invocation ends here
            throw unexpected;
        }
        interceptors.endWhen(invocation, outcome.done());
        return outcome;
    }

    /** Calls the method with the publisher's sends on this thread held for its record, and publishes them with its result. */
    private RecordOutcome invoke(ConsumerRecord<byte[], byte[]> record, HandlerInterceptor.Invocation invocation) {
        if (record.value() == null && !arguments.acceptsTombstones()) {
            return tombstone(record, invocation);
        }
        JoinedSends joined = JoinedSends.open(handlerId, exactlyOnce);
        Object result;
        try {
            result = method.invoke(bean, arguments.resolve(record, null));
        } catch (PayloadConversionException poisonPill) {
            return failed(joined, poisonPill);
        } catch (InvocationTargetException e) {
            return failed(joined, new HandlerExecutionException(handlerId, RecordCoordinates.of(record), e.getCause()));
        } catch (IllegalAccessException e) {
            return failed(joined, new HandlerExecutionException(handlerId, RecordCoordinates.of(record), e));
        } catch (RuntimeException unexpected) {
            joined.discard(unexpected);
            throw unexpected;
        }
        return output.publish(record, result, invocation, joined.close());
    }

    private static RecordOutcome failed(JoinedSends joined, Throwable failure) {
        joined.discard(failure);
        return RecordOutcome.failed(failure);
    }

    /** The type payloads are read into ({@code null} for a raw {@code ConsumerRecord}). */
    public Type payloadType() {
        return arguments.payloadType();
    }

    /** The type keys are read into, or {@code null} when the method takes no key. */
    public Type keyType() {
        return arguments.keyType();
    }

    /** The type of the records it publishes (a future's value, a collection's element...), or {@code null} for none. */
    public Type outputType() {
        return OutputTypes.published(method.getGenericReturnType());
    }

    /** A tombstone the signature does not take: skipped as if the handler returned nothing (a request still gets its reply), or a poison pill. */
    private RecordOutcome tombstone(ConsumerRecord<byte[], byte[]> record, HandlerInterceptor.Invocation invocation) {
        if (tombstones == TombstonePolicy.DEAD_LETTER) {
            return RecordOutcome.failed(arguments.tombstoneRefused());
        }
        log.debug("Handler '{}' skipped the tombstone {}-{}@{}: its payload parameter is not nullable (tombstones=skip)",
                handlerId, record.topic(), record.partition(), record.offset());
        observer.tombstoneSkipped(handlerId, record.topic());
        return output.publish(record, null, invocation, List.of());
    }

    /** Also used for error handlers: static or inaccessible methods fail the start, not the first record. */
    static void makeInvocable(Method method, String describe) {
        if (Modifier.isStatic(method.getModifiers())) {
            throw new KClientConfigurationException(describe + " is static: make it an instance method of the bean");
        }
        try {
            method.setAccessible(true); // package-private handlers and classes are fine
        } catch (RuntimeException e) {
            throw new KClientConfigurationException(describe + " cannot be called by KClient (" + e.getMessage()
                    + "): make the method and its class public", e);
        }
    }

    private static void checkReturnType(HandlerEndpoint endpoint) {
        Class<?> returned = endpoint.method().getReturnType();
        boolean returnsNothing = returned == void.class || returned == Void.class;
        if (endpoint.outputTopic() != null && returnsNothing) {
            throw new KClientConfigurationException(endpoint.describe() + " returns nothing but has @OutputProducer(topic = \""
                    + endpoint.outputTopic() + "\"): return the value to publish, or remove @OutputProducer");
        }
        if (endpoint.repliesOnly() && returnsNothing) {
            throw new KClientConfigurationException(endpoint.describe() + " returns nothing but has @Replies: a void handler "
                    + "answers requests with an empty reply anyway; remove @Replies, or return the answer");
        }
        if (endpoint.outputTopic() == null && !endpoint.repliesOnly() && !returnsNothing && returned != Message.class) {
            throw new KClientConfigurationException(endpoint.describe() + " returns " + returned.getSimpleName()
                    + " but has no @OutputProducer topic: add @OutputProducer(topic = \"...\"), add @Replies if it only "
                    + "answers requests, or return void");
        }
    }
}
