package io.kclient.handler;

import io.kclient.BatchFailedException;
import io.kclient.HandlerExecutionException;
import io.kclient.KClientConfigurationException;
import io.kclient.KClientException;
import io.kclient.RecordCoordinates;
import io.kclient.TombstonePolicy;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.TombstoneException;
import io.kclient.listener.Attempt;
import io.kclient.listener.BatchRecordHandler;
import io.kclient.listener.RecordOutcome;
import io.kclient.observe.HandlerObserver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;

/**
 * A batch handler method ({@code @InputConsumer(batch = true)}) as the engine sees it: each record
 * becomes an element of the list the method takes, the method is called once per list, and the
 * list it returns is published element by element, each as the return value of the record at its
 * position would be (with that record's key, or as the reply to it if it is a request). A
 * {@link BatchFailedException} says which record failed, and carries the outputs of those before
 * it; any other exception fails the first.
 */
public final class BatchHandlerMethodAdapter implements BatchRecordHandler {

    private final Object bean;
    private final Method method;
    private final String handlerId;
    private final ArgumentResolver element;
    private final Type elementType;
    private final OutputPublisher output;
    private final InterceptorChain interceptors;
    private final TombstonePolicy tombstones;
    private final HandlerObserver observer;
    private final boolean exactlyOnce;
    /** Whether the method returns a {@code List} of outputs, rather than {@code void}. */
    private final boolean returnsList;

    private BatchHandlerMethodAdapter(HandlerEndpoint endpoint, ArgumentResolver element, OutputPublisher output,
            InterceptorChain interceptors, TombstonePolicy tombstones, HandlerObserver observer, boolean exactlyOnce) {
        this.bean = endpoint.bean();
        this.method = endpoint.method();
        this.handlerId = endpoint.id();
        this.element = element;
        this.elementType = ((ParameterizedType) method.getGenericParameterTypes()[0]).getActualTypeArguments()[0];
        this.output = output;
        this.interceptors = interceptors;
        this.tombstones = tombstones;
        this.observer = observer;
        this.exactlyOnce = exactlyOnce;
        this.returnsList = method.getReturnType() == List.class;
    }

    /**
     * Validates the batch handler's method, as {@link HandlerMethodAdapter#create} does a handler
     * of one record: one {@code List} parameter, {@code void} or a {@code List} returned.
     *
     * @param exactlyOnce whether {@code producer} is transactional, so the publisher's sends during
     *     a call join the transaction (see {@link JoinedSends})
     */
    public static BatchHandlerMethodAdapter create(HandlerEndpoint endpoint, PayloadConverters converters,
            Supplier<Producer<byte[], byte[]>> producer, Supplier<Producer<byte[], byte[]>> replyProducer,
            HandlerExtensions extensions, HandlerObserver observer, TombstonePolicy tombstones, boolean exactlyOnce) {
        Method method = endpoint.method();
        HandlerMethodAdapter.makeInvocable(method, endpoint.describe());
        Class<?> returned = method.getReturnType();
        if (returned != void.class && returned != Void.class && returned != List.class) {
            throw new KClientConfigurationException(endpoint.describe() + " is a batch handler returning "
                    + returned.getSimpleName() + ": return void, or a List with one element per record (null where a "
                    + "record publishes nothing), published as each record's return value");
        }
        HandlerMethodAdapter.checkReturnType(endpoint);
        ArgumentResolver element = MethodArguments.forBatchElement(method, converters, endpoint.describe());
        return new BatchHandlerMethodAdapter(endpoint, element, new OutputPublisher(producer, replyProducer, converters,
                endpoint.outputTopic(), endpoint.repliesOnly(), endpoint.id(), observer), new InterceptorChain(extensions.interceptors()),
                tombstones, observer, exactlyOnce);
    }

    /**
     * The record's element; a tombstone (a record without a value) in a list of payloads is, by the
     * handler's tombstone policy, {@link BatchRecordHandler#SKIP skipped} or a poison pill. A list
     * of {@code ConsumerRecord}s takes tombstones, their value {@code null}.
     */
    @Override
    public Object element(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null && !takesRecords()) {
            if (tombstones == TombstonePolicy.DEAD_LETTER) {
                throw new TombstoneException("element of the list", elementType.getTypeName());
            }
            observer.tombstoneSkipped(handlerId, record.topic());
            return SKIP;
        }
        return element.resolve(record, null);
    }

    private boolean takesRecords() {
        return elementType == ConsumerRecord.class
                || elementType instanceof ParameterizedType record && record.getRawType() == ConsumerRecord.class;
    }

    /** The type payloads are read into: the list's element, or a {@code ConsumerRecord} element's value type. */
    public Type payloadType() {
        return takesRecords() ? recordArgument(1) : elementType;
    }

    /** The type keys are read into: a {@code ConsumerRecord} element's key type, else {@code null}. */
    public Type keyType() {
        return takesRecords() ? recordArgument(0) : null;
    }

    /** The type of the records it publishes: the returned list's element (unwrapped as a return value is), or {@code null}. */
    public Type outputType() {
        return OutputTypes.published(method.getGenericReturnType());
    }

    private Type recordArgument(int index) {
        return elementType instanceof ParameterizedType record ? record.getActualTypeArguments()[index] : null;
    }

    /**
     * Calls the method once for the list. What it sent through the publisher during the call
     * ({@link JoinedSends}) belongs to the whole call: it goes out with the first record's outputs,
     * and no record of the call is done before the broker acknowledged it (a refusal fails them all,
     * so they are tried again, and send again).
     */
    @Override
    public int handle(List<ConsumerRecord<byte[], byte[]>> records, List<Object> elements, List<Attempt> attempts) {
        int size = records.size();
        HandlerInterceptor.Invocation[] invocations = new HandlerInterceptor.Invocation[size];
        for (int i = 0; i < size; i++) {
            invocations[i] = interceptors.begin(handlerId, records.get(i));
        }
        JoinedSends joined = JoinedSends.open(handlerId, exactlyOnce);
        Object result;
        try {
            result = method.invoke(bean, Collections.unmodifiableList(elements));
        } catch (InvocationTargetException e) {
            return failed(records, invocations, attempts, joined, e.getCause());
        } catch (IllegalAccessException e) {
            return failed(records, invocations, attempts, joined, e);
        } catch (RuntimeException | Error unexpected) {
            joined.discard(unexpected);
            for (int i = 0; i < size; i++) {
                invocations[i].end(unexpected);
            }
            throw unexpected;
        }
        List<JoinedSends.Send> sends = joined.close();
        Attempt[] reported = reported(invocations, attempts, sends);
        List<?> outputs = result == null ? null : (List<?>) result;
        if (outputs != null && outputs.size() != size) {
            KClientException wrong = new KClientException("Batch handler '" + handlerId + "' returned " + outputs.size()
                    + " elements for " + size + " records: return one per record, null where a record publishes nothing");
            JoinedSends.fail(sends, wrong);
            reported[0].failed(new HandlerExecutionException(handlerId, RecordCoordinates.of(records.get(0)), wrong));
            return 1;
        }
        for (int i = 0; i < size; i++) {
            output.publish(records.get(i), outputs == null ? null : outputs.get(i), invocations[i],
                    i == 0 ? sends : List.of(), reported[i]);
        }
        return size;
    }

    /**
     * The records before the failed one are done, publishing the outputs the exception carries for
     * them (and what the call sent through the publisher, since their retry would not send it
     * again); the failed one fails. When the first record failed, nothing is done and the sends are
     * dropped; so too when a handler that returns a {@code List} named a later record without the
     * outputs of those before it, which would otherwise be lost: its first record fails saying so.
     */
    private int failed(List<ConsumerRecord<byte[], byte[]>> records, HandlerInterceptor.Invocation[] invocations,
            List<Attempt> attempts, JoinedSends joined, Throwable thrown) {
        int at = 0;
        Throwable cause = thrown;
        List<?> outputs = null;
        if (thrown instanceof BatchFailedException named) {
            at = indexOf(named, records);
            cause = at < 0 ? new KClientException("Batch handler '" + handlerId + "' named a record that is not in its list: "
                    + named.getMessage(), named) : named.getCause();
            at = Math.max(at, 0);
            outputs = returnsList ? named.outputs() : null;
            if (at > 0 && returnsList && (outputs == null || outputs.size() != at)) {
                cause = new KClientException("Batch handler '" + handlerId + "' threw BatchFailedException at record " + at
                        + " with " + (outputs == null ? "no" : outputs.size()) + " outputs for the " + at + " records before "
                        + "it: pass them, new BatchFailedException(" + at + ", cause, outputs), one per record before it "
                        + "(null where a record publishes nothing); the call's records are handled again", named);
                at = 0;
            }
        }
        Attempt[] reported;
        if (at == 0) {
            joined.discard(cause);
            reported = reported(invocations, attempts, List.of());
        } else {
            List<JoinedSends.Send> sends = joined.close();
            reported = reported(invocations, attempts, sends);
            for (int i = 0; i < at; i++) {
                output.publish(records.get(i), outputs == null ? null : outputs.get(i), invocations[i],
                        i == 0 ? sends : List.of(), reported[i]);
            }
        }
        reported[at].failed(new HandlerExecutionException(handlerId, RecordCoordinates.of(records.get(at)), cause));
        if (at + 1 < reported.length) {
            KClientException notGotTo = new KClientException("Not handled: record " + at + " of the batch failed before it; "
                    + "it is given again");
            for (int i = at + 1; i < reported.length; i++) {
                invocations[i].end(notGotTo); // given again, with an invocation of its own
            }
        }
        return at + 1;
    }

    /**
     * Each record's attempt as the handler reports to it: ending its interceptors' invocation, and
     * when the call sent through the publisher, waiting for those sends (the first record carries
     * them, so it needs no gate).
     */
    private Attempt[] reported(HandlerInterceptor.Invocation[] invocations, List<Attempt> attempts, List<JoinedSends.Send> sends) {
        CompletableFuture<Void> acknowledged = sends.isEmpty() ? null
                : CompletableFuture.allOf(sends.stream().map(JoinedSends.Send::acknowledged).toArray(CompletableFuture[]::new));
        Attempt[] reported = new Attempt[invocations.length];
        for (int i = 0; i < reported.length; i++) {
            Attempt attempt = i == 0 || acknowledged == null ? attempts.get(i) : new AfterSends(attempts.get(i), acknowledged);
            reported[i] = interceptors.endingWith(invocations[i], attempt, false);
        }
        return reported;
    }

    /**
     * A record of a call that sent through the publisher: its {@code done} is passed on once those
     * sends were all acknowledged, and becomes a failure if one was refused, so it is tried again.
     */
    private record AfterSends(Attempt attempt, CompletableFuture<Void> sends) implements Attempt {

        @Override
        public void handedOff() {
            attempt.handedOff();
        }

        @Override
        public void done() {
            sends.whenComplete((ignored, refused) -> {
                if (refused == null) {
                    attempt.done();
                } else {
                    attempt.failed(RecordOutcome.cause(refused));
                }
            });
        }

        @Override
        public void failed(Throwable failure) {
            attempt.failed(failure);
        }
    }

    /** The position of the record the exception names, or -1 when it names none of the list. */
    private static int indexOf(BatchFailedException failed, List<ConsumerRecord<byte[], byte[]>> records) {
        if (failed.record() == null) {
            return failed.index() < records.size() ? failed.index() : -1;
        }
        ConsumerRecord<?, ?> named = failed.record();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            if (record.offset() == named.offset() && record.partition() == named.partition() && record.topic().equals(named.topic())) {
                return i;
            }
        }
        return -1;
    }
}
