package io.kclient.asyncapi;

import io.kclient.asyncapi.PayloadSchemas.Payload;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import io.kclient.engine.HandlerDescription;
import io.kclient.rpc.RpcHeaders;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the AsyncAPI 3.0.0 document of a set of handlers. Each topic is a channel, named and
 * addressed by the topic; a topic pattern, a reply topic and a pattern's dead-letter topic, whose
 * names are known only at run time, are channels without an address. Each handler receives from its
 * topics (and its retry topics) and sends to its output topic, its retry topics and its dead-letter
 * topics; a {@code @Replies} handler's receive operation has a reply. Messages carry their payload's
 * schema, the key's when the handler reads one, and the headers KClient adds.
 */
final class AsyncApiDocumentBuilder {

    /** The version of AsyncAPI's Kafka bindings used. */
    static final String KAFKA_BINDINGS = "0.5.0";

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final PayloadSchemas payloads = new PayloadSchemas();
    private final ObjectNode channels = nodes.objectNode();
    private final ObjectNode operations = nodes.objectNode();

    private AsyncApiDocumentBuilder() {
    }

    /** The document of {@code handlers}. */
    static ObjectNode build(AsyncApiInfo info, List<HandlerDescription> handlers) {
        AsyncApiDocumentBuilder builder = new AsyncApiDocumentBuilder();
        handlers.forEach(builder::handler);
        return builder.document(info);
    }

    private ObjectNode document(AsyncApiInfo info) {
        ObjectNode document = nodes.objectNode().put("asyncapi", "3.0.0");
        ObjectNode about = document.putObject("info").put("title", info.title()).put("version", info.version());
        if (info.description() != null) {
            about.put("description", info.description());
        }
        document.put("defaultContentType", "application/json");
        if (!info.servers().isEmpty()) {
            ObjectNode servers = document.putObject("servers");
            for (int i = 0; i < info.servers().size(); i++) {
                servers.putObject(i == 0 ? "kafka" : "kafka-" + (i + 1)).put("host", info.servers().get(i)).put("protocol", "kafka");
            }
        }
        document.set("channels", channels);
        document.set("operations", operations);
        ObjectNode schemas = payloads.components();
        if (!schemas.isEmpty()) {
            document.putObject("components").set("schemas", schemas);
        }
        return document;
    }

    private void handler(HandlerDescription handler) {
        HandlerEndpoint endpoint = handler.endpoint();
        HandlerSettings settings = handler.settings();
        String id = endpoint.id();
        Payload input = payloads.of(handler.payloadType(), handler);
        JsonNode key = handler.keyType() == null ? null : payloads.of(handler.keyType(), handler).schema();
        ObjectNode reply = endpoint.repliesOnly() ? reply(handler) : null;
        ObjectNode inputHeaders = endpoint.repliesOnly() ? MessageHeaders.request() : null;
        if (settings.topicPattern() != null) {
            String channel = channel(id + ".pattern", null, "The topics matching " + settings.topicPattern() + ", except the "
                    + "handler's dead-letter topics", input, key, inputHeaders);
            ((ObjectNode) channels.get(channel)).put("x-kclient-topic-pattern", settings.topicPattern());
            receive(handler, channel, input, reply);
            String deadLetters = handler.settings().deadLetterTopic();
            deadLetter(handler, deadLetters != null ? deadLetters : id + ".pattern.DLT", deadLetters, input, key);
        }
        for (String topic : settings.topicPattern() == null ? settings.topics() : List.<String>of()) {
            receive(handler, channel(topic, topic, null, input, key, inputHeaders), input, reply);
            for (String retryTopic : handler.retryTopics(topic)) {
                String channel = channel(retryTopic, retryTopic, "Records of " + topic + " waiting for another attempt of "
                        + id, input, key, MessageHeaders.retry());
                operation(id + ".retry." + retryTopic, "send", channel, input, handler,
                        "Forwards a failed record for a later attempt");
                receive(handler, channel, input, null);
            }
            String deadLetters = handler.deadLetterTopic(topic);
            deadLetter(handler, deadLetters, deadLetters, input, key);
        }
        if (endpoint.outputTopic() != null) {
            Payload output = payloads.of(handler.outputType(), handler);
            operation(id + ".send." + endpoint.outputTopic(), "send", channel(endpoint.outputTopic(), endpoint.outputTopic(), null,
                    output, null, null), output, handler, "Publishes what the handler returns, keyed like its input");
        }
    }

    private void receive(HandlerDescription handler, String channel, Payload input, ObjectNode reply) {
        ObjectNode operation = operation(handler.endpoint().id() + ".receive." + channel, "receive", channel, input, handler,
                "Handled by " + handler.endpoint().describe());
        ObjectNode binding = operation.putObject("bindings").putObject("kafka");
        binding.putObject("groupId").put("type", "string").putArray("enum").add(handler.settings().groupId());
        binding.put("bindingVersion", KAFKA_BINDINGS);
        if (handler.settings().shareGroup()) {
            operation.put("x-kclient-share-group", true);
        }
        if (reply != null) {
            operation.set("reply", reply);
        }
    }

    private void deadLetter(HandlerDescription handler, String channelId, String topic, Payload input, JsonNode key) {
        String channel = channel(channelId, topic, "Records " + handler.endpoint().id() + " gave up on, as they came, with "
                + "headers saying why", input, key, MessageHeaders.deadLetter());
        operation(handler.endpoint().id() + ".deadLetter." + channel, "send", channel, input, handler,
                "Sends a record it gave up on (after its retries, or unreadable) to its dead-letter topic");
    }

    /** A request's one reply, on the topic its header names. */
    private ObjectNode reply(HandlerDescription handler) {
        Payload answer = handler.outputType() == null
                ? new Payload("Empty", "application/json", nodes.objectNode().put("type", "null"))
                : payloads.of(handler.outputType(), handler);
        String channel = channel(handler.endpoint().id() + ".replies", null, "The topic each request names in its "
                + RpcHeaders.REPLY_TOPIC + " header", answer, null, MessageHeaders.reply());
        ObjectNode reply = nodes.objectNode();
        reply.putObject("address").put("location", "$message.header#/" + RpcHeaders.REPLY_TOPIC)
                .put("description", "The request's reply topic");
        reply.putObject("channel").put("$ref", "#/channels/" + pointer(channel));
        reply.putArray("messages").addObject().put("$ref", messageRef(channel, answer));
        return reply;
    }

    /** The channel {@code id}, made or given the message; {@code topic} {@code null} for a channel without an address. */
    private String channel(String id, String topic, String description, Payload payload, JsonNode key, ObjectNode headers) {
        ObjectNode channel = (ObjectNode) channels.get(id);
        if (channel == null) {
            channel = channels.putObject(id);
            if (topic == null) {
                channel.putNull("address");
            } else {
                channel.put("address", topic);
                channel.putObject("bindings").putObject("kafka").put("topic", topic).put("bindingVersion", KAFKA_BINDINGS);
            }
            if (description != null) {
                channel.put("description", description);
            }
            channel.putObject("messages");
        }
        ObjectNode messages = (ObjectNode) channel.get("messages");
        if (!messages.has(payload.name())) {
            ObjectNode message = messages.putObject(payload.name()).put("name", payload.name()).put("contentType", payload.contentType());
            message.set("payload", payload.schema());
            if (headers != null) {
                message.set("headers", headers);
            }
            if (key != null) {
                message.putObject("bindings").putObject("kafka").put("bindingVersion", KAFKA_BINDINGS).set("key", key);
            }
        }
        return id;
    }

    private ObjectNode operation(String id, String action, String channel, Payload payload, HandlerDescription handler,
            String summary) {
        ObjectNode operation = operations.putObject(id).put("action", action).put("summary", summary);
        operation.putObject("channel").put("$ref", "#/channels/" + pointer(channel));
        operation.putArray("messages").addObject().put("$ref", messageRef(channel, payload));
        operation.put("x-kclient-handler", handler.endpoint().id());
        return operation;
    }

    private static String messageRef(String channel, Payload payload) {
        return "#/channels/" + pointer(channel) + "/messages/" + pointer(payload.name());
    }

    /** A name as a JSON pointer's token. */
    private static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
