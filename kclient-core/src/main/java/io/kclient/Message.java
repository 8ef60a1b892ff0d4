package io.kclient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record to publish that chooses its own key, topic, partition and headers: a handler's return
 * value, or what {@link KafkaPublisher#send(Message)} sends. What a handler's message leaves unset
 * comes from the handler: the input record's key and the {@code @OutputProducer} topic; without a
 * partition, Kafka's partitioner chooses by the key.
 *
 * <pre>{@code
 * return Message.of(cat).key(cat.id()).topic("vip-cats").header("source", "kclient");
 * }</pre>
 *
 * @param <T> the payload type
 */
public final class Message<T> {

    private final T value;
    private final Object key;
    private final boolean keySet;
    private final String topic;
    private final Integer partition;
    private final Map<String, byte[]> headers;

    private Message(T value, Object key, boolean keySet, String topic, Integer partition, Map<String, byte[]> headers) {
        this.value = value;
        this.key = key;
        this.keySet = keySet;
        this.topic = topic;
        this.partition = partition;
        this.headers = headers;
    }

    /** A message with this payload (may be {@code null}, a tombstone), the input's key and the handler's topic. */
    public static <T> Message<T> of(T value) {
        return new Message<>(value, null, false, null, null, Map.of());
    }

    /** This message with the given key ({@code null} for none); a String or byte[] is sent as is, anything else as JSON. */
    public Message<T> key(Object key) {
        return new Message<>(value, key, true, topic, partition, headers);
    }

    /** This message sent to the given topic instead of the handler's. */
    public Message<T> topic(String topic) {
        return new Message<>(value, key, keySet, Objects.requireNonNull(topic, "topic"), partition, headers);
    }

    /** This message sent to the given partition of its topic, whatever its key. */
    public Message<T> partition(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        return new Message<>(value, key, keySet, topic, partition, headers);
    }

    /** This message with one more header (UTF-8 text). */
    public Message<T> header(String name, String value) {
        return header(name, value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** This message with one more header. */
    public Message<T> header(String name, byte[] value) {
        Map<String, byte[]> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), value);
        return new Message<>(this.value, key, keySet, topic, partition, java.util.Collections.unmodifiableMap(copy));
    }

    public T value() {
        return value;
    }

    /** The key, meaningful only when {@link #hasKey()}. */
    public Object key() {
        return key;
    }

    /** Whether a key was set; otherwise the input record's key is used. */
    public boolean hasKey() {
        return keySet;
    }

    /** The topic, or {@code null} for the handler's output topic. */
    public String topic() {
        return topic;
    }

    /** The partition, or {@code null} for the one the partitioner chooses. */
    public Integer partition() {
        return partition;
    }

    public Map<String, byte[]> headers() {
        return headers;
    }
}
