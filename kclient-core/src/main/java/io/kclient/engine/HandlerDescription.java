package io.kclient.engine;

import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.PayloadSchema;
import io.kclient.listener.RetryTopicForwarder;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A handler as the engine runs it, for documents of the application's event API (AsyncAPI): its
 * endpoint with every setting applied, what it reads and publishes, and where its failures go.
 */
public final class HandlerDescription {

    private final HandlerEndpoint endpoint;
    private final HandlerSettings settings;
    private final PayloadConverters converters;
    private final Type payloadType;
    private final Type keyType;
    private final Type outputType;

    HandlerDescription(HandlerEndpoint endpoint, HandlerSettings settings, PayloadConverters converters, Type payloadType,
            Type keyType, Type outputType) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.converters = converters;
        this.payloadType = payloadType;
        this.keyType = keyType;
        this.outputType = outputType;
    }

    /** The handler's endpoint: its method, output topic, {@code @Replies}, and its own settings. */
    public HandlerEndpoint endpoint() {
        return endpoint;
    }

    /** The settings it runs with: topics or pattern, group, share group and the rest, every layer applied. */
    public HandlerSettings settings() {
        return settings;
    }

    /**
     * The type payloads are read into: the payload parameter's, an {@code Optional}'s element or a
     * {@code ConsumerRecord}'s value type; {@code null} for a raw {@code ConsumerRecord}.
     */
    public Type payloadType() {
        return payloadType;
    }

    /** The type keys are read into ({@code @KafkaKey}, a {@code ConsumerRecord}'s), or {@code null} when it takes none. */
    public Type keyType() {
        return keyType;
    }

    /**
     * The type of the records it publishes: its return type, unwrapped of futures, collections and
     * {@code Message}; {@code null} when it returns nothing or does not say ({@code Message<?>}).
     */
    public Type outputType() {
        return outputType;
    }

    /** The retry topics records of {@code topic} wait on, in order; empty without {@code @RetryTopics}. */
    public List<String> retryTopics(String topic) {
        return RetryTopicForwarder.retryTopics(topic, settings.retryTopics().size());
    }

    /** Where a record of {@code topic} goes when the handler gives up on it. */
    public String deadLetterTopic(String topic) {
        return settings.deadLetterTopicFor(topic);
    }

    /**
     * The schema of {@code type} as its payload format states it under this handler's settings
     * (Avro, Protobuf), or {@code null} for JSON, text, bytes and XML.
     */
    public PayloadSchema formatSchemaOf(Class<?> type) {
        return converters.schemaOf(type);
    }
}
