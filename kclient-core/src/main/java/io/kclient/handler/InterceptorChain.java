package io.kclient.handler;

import io.kclient.handler.HandlerInterceptor.Invocation;
import io.kclient.handler.HandlerInterceptor.Scope;
import io.kclient.listener.RecordOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The interceptors of a handler as one: each begins in order, ends in reverse order, and scopes
 * nest (the first one's context is made current first and closed last).
 */
final class InterceptorChain {

    private static final Invocation NONE = failure -> { };

    private final List<HandlerInterceptor> interceptors;

    InterceptorChain(List<HandlerInterceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    Invocation begin(String handlerId, ConsumerRecord<byte[], byte[]> record) {
        if (interceptors.isEmpty()) {
            return NONE;
        }
        List<Invocation> invocations = new ArrayList<>(interceptors.size());
        for (HandlerInterceptor interceptor : interceptors) {
            invocations.add(interceptor.begin(handlerId, record));
        }
        return new Chained(invocations);
    }

    /**
     * Ends {@code invocation} once {@code done} completes. Without interceptors there is nothing to
     * end, and no stage is made per record to end it.
     */
    void endWhen(Invocation invocation, CompletionStage<?> done) {
        if (invocation != NONE) {
            done.whenComplete((ignored, failure) -> invocation.end(failure));
        }
    }

    private record Chained(List<Invocation> invocations) implements Invocation {

        @Override
        public Scope makeCurrent() {
            List<Scope> scopes = new ArrayList<>(invocations.size());
            invocations.forEach(invocation -> scopes.add(invocation.makeCurrent()));
            return () -> {
                for (int i = scopes.size() - 1; i >= 0; i--) {
                    scopes.get(i).close();
                }
            };
        }

        @Override
        public void beforePublish(ProducerRecord<byte[], byte[]> output) {
            invocations.forEach(invocation -> invocation.beforePublish(output));
        }

        @Override
        public void end(Throwable failure) {
            Throwable cause = RecordOutcome.cause(failure);
            for (int i = invocations.size() - 1; i >= 0; i--) {
                invocations.get(i).end(cause);
            }
        }
    }
}
