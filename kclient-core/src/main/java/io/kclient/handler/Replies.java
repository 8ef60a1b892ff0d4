package io.kclient.handler;

import io.kclient.HandlerExecutionException;
import io.kclient.Message;
import io.kclient.clients.TextHeaders;
import io.kclient.convert.PayloadConverters;
import io.kclient.rpc.RpcHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The handler side of request/reply: a record whose headers name a reply topic is a request, and
 * gets exactly one reply there with its correlation id, whatever the handler returned: its value,
 * a {@code null} value for {@code void} or {@code null} (the caller learns it is done), or an
 * error reply when the handler failed for good.
 */
final class Replies {

    private final PayloadConverters converters;

    Replies(PayloadConverters converters) {
        this.converters = converters;
    }

    /** Whether the record asks for a reply. */
    static boolean isRequest(ConsumerRecord<byte[], byte[]> record) {
        return record.headers().lastHeader(RpcHeaders.REPLY_TOPIC) != null; // asked of every record: no decoding
    }

    /**
     * The reply carrying what the handler returned: a {@link Message} gives its value, key and
     * headers (not its topic: a reply goes where the caller waits); a collection is one reply,
     * a JSON array, since a call has one answer.
     */
    ProducerRecord<byte[], byte[]> reply(ConsumerRecord<byte[], byte[]> request, Object result) {
        Headers headers = new RecordHeaders();
        byte[] key = request.key();
        Object value = result;
        if (result instanceof Message<?> message) {
            message.headers().forEach(headers::add);
            key = message.hasKey() ? converters.write(message.key()) : key;
            value = message.value();
        }
        return addressed(request, key, converters.write(value), headers);
    }

    /** The error reply to a request whose handler failed for good, naming what it threw. */
    ProducerRecord<byte[], byte[]> errorReply(ConsumerRecord<byte[], byte[]> request, Throwable failure) {
        Throwable cause = HandlerExecutionException.handlerCause(failure);
        Headers headers = new RecordHeaders();
        TextHeaders.put(headers, RpcHeaders.ERROR_CLASS, cause.getClass().getName());
        if (cause.getMessage() != null) {
            TextHeaders.put(headers, RpcHeaders.ERROR_MESSAGE, cause.getMessage());
        }
        return addressed(request, request.key(), null, headers);
    }

    private static ProducerRecord<byte[], byte[]> addressed(ConsumerRecord<byte[], byte[]> request, byte[] key, byte[] value,
            Headers headers) {
        String correlationId = TextHeaders.text(request.headers(), RpcHeaders.CORRELATION_ID);
        if (correlationId != null) {
            TextHeaders.put(headers, RpcHeaders.CORRELATION_ID, correlationId);
        }
        return new ProducerRecord<>(TextHeaders.text(request.headers(), RpcHeaders.REPLY_TOPIC), null, key, value, headers);
    }
}
