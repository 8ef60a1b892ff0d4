package io.kclient.rpc;

import io.kclient.KClientException;
import io.kclient.clients.TextHeaders;
import io.kclient.convert.PayloadReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The calls waiting for their reply, by correlation id. Each has its timeout on one shared
 * scheduler thread, never a thread per call; whichever comes first, reply or timeout, removes
 * the call, so it completes once. A reply nobody waits for (another client's on a shared reply
 * topic, or one past its timeout) is ignored.
 */
final class PendingCalls implements AutoCloseable {

    private record Call(CompletableFuture<Object> future, PayloadReader reader, String topic, ScheduledFuture<?> timeout) {
    }

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timeouts;

    PendingCalls() {
        timeouts = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "kclient-rpc-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timeouts.setRemoveOnCancelPolicy(true); // answered calls leave no timer behind
    }

    /** Registers a call before its request is sent; the future completes with the reply read by {@code reader}. */
    CompletableFuture<Object> register(String correlationId, String topic, PayloadReader reader, Duration timeout) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        ScheduledFuture<?> timer = timeouts.schedule(
                () -> fail(correlationId, new RpcTimeoutException(topic, correlationId, timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        calls.put(correlationId, new Call(future, reader, topic, timer));
        return future;
    }

    /** Completes the call this reply answers, if one waits for it. */
    void complete(ConsumerRecord<byte[], byte[]> reply) {
        String correlationId = TextHeaders.text(reply.headers(), RpcHeaders.CORRELATION_ID);
        Call call = correlationId == null ? null : calls.remove(correlationId);
        if (call == null) {
            return;
        }
        call.timeout().cancel(false);
        String errorClass = TextHeaders.text(reply.headers(), RpcHeaders.ERROR_CLASS);
        if (errorClass != null) {
            call.future().completeExceptionally(new RemoteHandlerException(call.topic(), errorClass,
                    TextHeaders.text(reply.headers(), RpcHeaders.ERROR_MESSAGE)));
            return;
        }
        try {
            call.future().complete(call.reader().read(reply.value()));
        } catch (KClientException unreadable) {
            call.future().completeExceptionally(unreadable);
        }
    }

    /** Fails the call, if it still waits. */
    void fail(String correlationId, KClientException failure) {
        Call call = calls.remove(correlationId);
        if (call != null) {
            call.timeout().cancel(false);
            call.future().completeExceptionally(failure);
        }
    }

    /** How many calls wait for a reply. */
    int size() {
        return calls.size();
    }

    /** Fails every waiting call: no reply can reach them any more. */
    @Override
    public void close() {
        calls.keySet().forEach(id -> fail(id, new KClientException("The RpcClient was closed before the reply to request "
                + id + " came")));
        timeouts.shutdownNow();
    }
}
