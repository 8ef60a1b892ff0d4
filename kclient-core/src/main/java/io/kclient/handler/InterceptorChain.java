package io.kclient.handler;

import io.kclient.handler.HandlerInterceptor.Invocation;
import io.kclient.handler.HandlerInterceptor.Scope;
import io.kclient.listener.Attempt;
import io.kclient.listener.RecordOutcome;
import java.util.ArrayList;
import java.util.List;
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
     * {@code attempt}, ending {@code invocation} when the attempt is done or failed. Without
     * interceptors there is nothing to end: the attempt itself, no object made per record.
     *
     * @param scoped whether the invocation's scope is made current around the call; its end then
     *     waits for {@link #scopeClosed}
     */
    Attempt endingWith(Invocation invocation, Attempt attempt, boolean scoped) {
        return invocation == NONE ? attempt : new Ending(invocation, attempt, scoped);
    }

    /**
     * Called once the invocation's scope is closed: an end reported on the calling thread while
     * the scope was open is passed on now, so an invocation always ends after its scope closed.
     */
    static void scopeClosed(Attempt attempt) {
        if (attempt instanceof Ending ending) {
            ending.scopeClosed();
        }
    }

    /** An attempt that ends its invocation with it, after the invocation's scope closed. */
    private static final class Ending implements Attempt {

        private final Invocation invocation;
        private final Attempt attempt;
        private final Thread caller = Thread.currentThread();
        private volatile boolean scoped;
        private boolean ended;
        private Throwable failure;

        Ending(Invocation invocation, Attempt attempt, boolean scoped) {
            this.invocation = invocation;
            this.attempt = attempt;
            this.scoped = scoped;
        }

        @Override
        public void handedOff() {
            attempt.handedOff();
        }

        @Override
        public void done() {
            end(null);
        }

        @Override
        public void failed(Throwable failure) {
            end(failure);
        }

        private void end(Throwable failure) {
            if (scoped && Thread.currentThread() == caller) {
                ended = true;
                this.failure = failure;
                return;
            }
            deliver(failure);
        }

        void scopeClosed() {
            scoped = false;
            if (ended) {
                deliver(failure);
            }
        }

        private void deliver(Throwable failure) {
            invocation.end(failure);
            if (failure == null) {
                attempt.done();
            } else {
                attempt.failed(failure);
            }
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
