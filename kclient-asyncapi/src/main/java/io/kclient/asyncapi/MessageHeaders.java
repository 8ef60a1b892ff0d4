package io.kclient.asyncapi;

import io.kclient.listener.DeadLetterPublisher;
import io.kclient.listener.RetryHeaders;
import io.kclient.rpc.RpcHeaders;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The headers KClient adds to the records it writes for itself: dead letters, retries and replies, as schemas. */
final class MessageHeaders {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageHeaders() {
    }

    static ObjectNode deadLetter() {
        return headers(Map.of(
                DeadLetterPublisher.EXCEPTION_CLASS, "the class of the exception the record was given up on",
                DeadLetterPublisher.EXCEPTION_MESSAGE, "its message: the reason",
                DeadLetterPublisher.EXCEPTION_STACKTRACE, "its stack trace",
                DeadLetterPublisher.ORIGINAL_TOPIC, "the topic the record came from",
                DeadLetterPublisher.ORIGINAL_PARTITION, "its partition",
                DeadLetterPublisher.ORIGINAL_OFFSET, "its offset",
                DeadLetterPublisher.ORIGINAL_TIMESTAMP, "its timestamp"));
    }

    static ObjectNode retry() {
        return headers(Map.of(
                RetryHeaders.ORIGINAL_TOPIC, "the topic the record came from",
                RetryHeaders.ORIGINAL_PARTITION, "its partition",
                RetryHeaders.ORIGINAL_OFFSET, "its offset",
                RetryHeaders.ORIGINAL_TIMESTAMP, "its timestamp",
                RetryHeaders.ATTEMPT, "the attempt this retry topic is for",
                RetryHeaders.DUE, "when the record may be tried again (epoch milliseconds)"));
    }

    static ObjectNode request() {
        return headers(Map.of(
                RpcHeaders.REPLY_TOPIC, "where the caller waits for the reply (a request); absent on other records",
                RpcHeaders.CORRELATION_ID, "the caller's id of the request, given back on the reply"));
    }

    static ObjectNode reply() {
        return headers(Map.of(
                RpcHeaders.CORRELATION_ID, "the request's correlation id",
                RpcHeaders.ERROR_CLASS, "when the handler failed for good: the class of its exception",
                RpcHeaders.ERROR_MESSAGE, "when the handler failed for good: its message"));
    }

    private static ObjectNode headers(Map<String, String> descriptions) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        descriptions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(header -> properties.putObject(header.getKey()).put("type", "string").put("description", header.getValue()));
        return schema;
    }
}
