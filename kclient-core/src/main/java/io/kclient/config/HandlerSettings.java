package io.kclient.config;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import io.kclient.TombstonePolicy;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * A handler's settings as optional overrides: one value type for every layer that may set them.
 * The layers, highest first: {@code kclient.handlers.<id>.*}, the handler's annotation (and its
 * {@code propertiesFile}), {@code kclient.defaults.*}, then the engine's defaults. {@link #over}
 * merges two layers, {@link #validate} checks one, and {@link #resolve} makes the settings a
 * handler runs with, where every setting with a default has a value.
 *
 * <pre>{@code
 * HandlerSettings defaults = HandlerSettings.NONE
 *         .with(HandlerSettings.CONCURRENCY, 8)
 *         .with(HandlerSettings.RETRY_MAX_ATTEMPTS, 5);
 * }</pre>
 *
 * <p>Each setting is declared once, below, with its property name, default and rule, in the manner
 * of Kafka's {@code ConfigDef}: adding one means a constant here and a field in the Spring Boot
 * properties. A class of about 350 lines: the declarations, the merge and the checks belong together.
 */
public final class HandlerSettings {

    /** Topics to consume; a layer that names topics or a {@link #TOPIC_PATTERN} replaces both of a lower layer. */
    public static final Setting<List<String>> TOPICS = new Setting<>("topics", null,
            Rule.of(topics -> !topics.isEmpty() && topics.stream().noneMatch(String::isBlank), "names one topic or more, none blank"));
    /** A regular expression of topics to consume, instead of {@link #TOPICS}. */
    public static final Setting<String> TOPIC_PATTERN = new Setting<>("topic-pattern", null, HandlerSettings::compiles);
    /** The consumer group; by default the handler id. */
    public static final Setting<String> GROUP_ID = new Setting<>("group-id", null, Rule.of(id -> !id.isBlank(), "not blank"));
    /** Worker threads running the handler. */
    public static final Setting<Integer> CONCURRENCY = new Setting<>("concurrency", 1, atLeast(1));
    /** Record order the workers keep; a share group has none. */
    public static final Setting<Ordering> ORDERING = new Setting<>("ordering", Ordering.KEY, Rule.none());
    /** Records between poll and commit before the consumer pauses. */
    public static final Setting<Integer> MAX_IN_FLIGHT = new Setting<>("max-in-flight", 20_000, atLeast(1));
    /** Key and payload bytes of records taken and not finished before the consumer pauses: 64 MiB, about what the consumer buffers. */
    public static final Setting<Long> MAX_IN_FLIGHT_BYTES = new Setting<>("max-in-flight-bytes", 64L * 1024 * 1024, atLeast(1L));
    /** The largest payload (or key) the handler reads; a larger record is dead-lettered unread. Kafka's default record size. */
    public static final Setting<Integer> MAX_PAYLOAD_BYTES = new Setting<>("max-payload-bytes", 1024 * 1024, atLeast(1));
    /**
     * Payload format settings, each named {@code <format>.<setting>} ({@code avro.encoding}); they apply
     * to what the handler reads and what it returns. Merged key by key with a lower layer's; the
     * formats themselves check them, when the engine is built.
     */
    public static final Setting<Map<String, String>> FORMAT = new Setting<>("format", Map.of(), Rule.none(),
            HandlerSettings::mergeMaps);
    /** What a tombstone (a record without a value) becomes when the payload parameter does not take it. */
    public static final Setting<TombstonePolicy> TOMBSTONES = new Setting<>("tombstones", TombstonePolicy.SKIP, Rule.none());
    /** Attempts in all, the first included, before a record is given up; 1 means no retry. */
    public static final Setting<Integer> RETRY_MAX_ATTEMPTS = new Setting<>("retry.max-attempts", 3, atLeast(1));
    /** Wait before the second attempt. */
    public static final Setting<Duration> RETRY_INITIAL_BACKOFF = new Setting<>("retry.initial-backoff", Duration.ofMillis(100),
            notNegative());
    /** Factor applied to the wait after each further failure. */
    public static final Setting<Double> RETRY_MULTIPLIER = new Setting<>("retry.multiplier", 2.0, atLeast(1.0));
    /** The longest wait between two attempts. */
    public static final Setting<Duration> RETRY_MAX_BACKOFF = new Setting<>("retry.max-backoff", Duration.ofSeconds(10), notNegative());
    /** The dead-letter topic of every failed record, instead of its topic with {@link #DEAD_LETTER_SUFFIX}. */
    public static final Setting<String> DEAD_LETTER_TOPIC = new Setting<>("dead-letter-topic", null,
            Rule.of(topic -> !topic.isBlank(), "not blank"));
    /** Appended to a record's topic to name its dead-letter topic. */
    public static final Setting<String> DEAD_LETTER_SUFFIX = new Setting<>("dead-letter-suffix", ".DLT",
            Rule.of(suffix -> !suffix.isEmpty(), "not empty"));
    /** At-least-once, or exactly-once in Kafka transactions. */
    public static final Setting<Delivery> DELIVERY = new Setting<>("delivery", Delivery.AT_LEAST_ONCE, Rule.none());
    /** Whether the handler consumes as a member of a share group (a work queue) instead of a consumer group. */
    public static final Setting<Boolean> SHARE_GROUP = new Setting<>("share-group", false, Rule.none());
    /** The delay before each retry topic's attempt, one retry topic per delay; empty: no retry topics. */
    public static final Setting<List<Duration>> RETRY_TOPICS = new Setting<>("retry-topics.delays", List.of(),
            Rule.of(delays -> delays.stream().allMatch(delay -> !delay.isNegative() && !delay.isZero()), "every delay positive"));
    /** How long a stop (or a revoke) waits for records under way before it gives up on them, and then for its last commit. */
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = new Setting<>("shutdown-timeout", Duration.ofSeconds(30), notNegative());
    /** Kafka consumer properties of the handler; merged key by key with a lower layer's. */
    public static final Setting<Map<String, Object>> CONSUMER_PROPERTIES = new Setting<>("consumer.properties", Map.of(),
            Rule.kafka(KafkaPropertiesValidator::validateConsumer), HandlerSettings::mergeMaps);
    /** Kafka producer properties of the handler's output; merged key by key with a lower layer's. */
    public static final Setting<Map<String, Object>> PRODUCER_PROPERTIES = new Setting<>("producer.properties", Map.of(),
            Rule.kafka(KafkaPropertiesValidator::validateProducer), HandlerSettings::mergeMaps);

    private static final List<Setting<?>> ALL = List.of(TOPICS, TOPIC_PATTERN, GROUP_ID, CONCURRENCY, ORDERING, MAX_IN_FLIGHT,
            MAX_IN_FLIGHT_BYTES, MAX_PAYLOAD_BYTES, FORMAT, TOMBSTONES, RETRY_MAX_ATTEMPTS, RETRY_INITIAL_BACKOFF,
            RETRY_MULTIPLIER, RETRY_MAX_BACKOFF, DEAD_LETTER_TOPIC, DEAD_LETTER_SUFFIX, DELIVERY, SHARE_GROUP, RETRY_TOPICS, SHUTDOWN_TIMEOUT, CONSUMER_PROPERTIES,
            PRODUCER_PROPERTIES);

    /** A layer that sets nothing. */
    public static final HandlerSettings NONE = new HandlerSettings(Map.of());

    /** The engine's defaults: every setting that has one. */
    public static final HandlerSettings DEFAULTS = defaults();

    private final Map<Setting<?>, Object> values;

    private HandlerSettings(Map<Setting<?>, Object> values) {
        this.values = values;
    }

    /** These settings with {@code setting} set to {@code value}, or unset for {@code null}. */
    public <T> HandlerSettings with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(setting);
        } else {
            copy.put(setting, immutable(value));
        }
        return new HandlerSettings(Collections.unmodifiableMap(copy));
    }

    /** These settings with the four retry settings set to {@code retry}'s values. */
    public HandlerSettings withRetry(RetrySettings retry) {
        return with(RETRY_MAX_ATTEMPTS, retry.maxAttempts()).with(RETRY_INITIAL_BACKOFF, retry.initialBackoff())
                .with(RETRY_MULTIPLIER, retry.multiplier()).with(RETRY_MAX_BACKOFF, retry.maxBackoff());
    }

    /** The value of {@code setting} in this layer, or {@code null} where it says nothing. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** Whether this layer sets nothing. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * This layer over {@code lower}: its values win, property maps merge key by key, and naming
     * topics or a pattern replaces both of the lower layer's. A {@code group.id} among a layer's
     * consumer properties (KClient 1's property files carried one) is its group where it sets none.
     */
    public HandlerSettings over(HandlerSettings lower) {
        HandlerSettings upper = withGroupOfProperties();
        Map<Setting<?>, Object> merged = new LinkedHashMap<>(lower.withGroupOfProperties().values);
        if (upper.values.containsKey(TOPICS) || upper.values.containsKey(TOPIC_PATTERN)) {
            merged.remove(TOPICS);
            merged.remove(TOPIC_PATTERN);
        }
        upper.values.forEach((setting, value) -> merged.merge(setting, value, (below, above) -> setting.merge(above, below)));
        return new HandlerSettings(Collections.unmodifiableMap(merged));
    }

    /**
     * Checks each value of this layer, and the settings that exclude each other, failing with
     * "Invalid value X for Y of {@code where}: why".
     *
     * @param where names the layer: a handler ({@code bean 'b' method m(Dog)}) or its properties
     * @return this, valid
     */
    public HandlerSettings validate(String where) {
        return validate(where, null);
    }

    /** As {@link #validate(String)}, for a layer of the handler with this id ({@code null}: unknown), which fixes name. */
    public HandlerSettings validate(String where, String handlerId) {
        values.forEach((setting, value) -> setting.check(value, where));
        HandlerRules.check(this, where, handlerId, false);
        return this;
    }

    /**
     * The settings a handler runs with: these (its own, the annotation under {@code kclient.handlers.<id>})
     * over {@code defaults} over the engine's, checked as a whole. Its group is its id unless set; a
     * share group ignores the defaults' ordering, having none.
     *
     * @param describe how errors name the handler
     */
    public HandlerSettings resolve(HandlerSettings defaults, String handlerId, String describe) {
        HandlerSettings resolved = over(defaults).over(DEFAULTS);
        if (resolved.shareGroup() && get(ORDERING) == null) {
            resolved = resolved.with(ORDERING, Ordering.NONE);
        }
        if (resolved.get(GROUP_ID) == null) {
            resolved = resolved.with(GROUP_ID, handlerId);
        }
        HandlerRules.check(resolved, describe, handlerId, true);
        return resolved;
    }

    // The engine's reading of resolved settings (on a layer, an unset primitive one fails).

    public List<String> topics() { return get(TOPICS); }
    public String topicPattern() { return get(TOPIC_PATTERN); }
    public String groupId() { return get(GROUP_ID); }
    public int concurrency() { return get(CONCURRENCY); }
    public Ordering ordering() { return get(ORDERING); }
    public int maxInFlight() { return get(MAX_IN_FLIGHT); }
    public long maxInFlightBytes() { return get(MAX_IN_FLIGHT_BYTES); }
    public int maxPayloadBytes() { return get(MAX_PAYLOAD_BYTES); }
    public String deadLetterTopic() { return get(DEAD_LETTER_TOPIC); }
    public Delivery delivery() { return get(DELIVERY); }
    public boolean shareGroup() { return Boolean.TRUE.equals(get(SHARE_GROUP)); }
    public List<Duration> retryTopics() { return get(RETRY_TOPICS); }
    public Duration shutdownTimeout() { return get(SHUTDOWN_TIMEOUT); }
    public Map<String, Object> consumerProperties() { return get(CONSUMER_PROPERTIES); }
    public Map<String, Object> producerProperties() { return get(PRODUCER_PROPERTIES); }

    /** Attempts and backoff of resolved settings. */
    public RetrySettings retry() {
        return new RetrySettings(get(RETRY_MAX_ATTEMPTS), get(RETRY_INITIAL_BACKOFF), get(RETRY_MULTIPLIER), get(RETRY_MAX_BACKOFF));
    }

    /** The dead-letter topic of a failed record from {@code topic}. */
    public String deadLetterTopicFor(String topic) {
        return deadLetterTopic() != null ? deadLetterTopic() : topic + get(DEAD_LETTER_SUFFIX);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandlerSettings settings && settings.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The values set, with secrets among the Kafka properties hidden. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((setting, value) -> shown.put(setting.name(), value instanceof Map<?, ?> properties
                ? SecretProperties.masked(stringKeys(properties)) : value));
        return "HandlerSettings" + shown;
    }

    private static HandlerSettings defaults() {
        Map<Setting<?>, Object> defaults = new LinkedHashMap<>();
        ALL.stream().filter(setting -> setting.defaultValue() != null).forEach(setting -> defaults.put(setting, setting.defaultValue()));
        return new HandlerSettings(Collections.unmodifiableMap(defaults));
    }

    private HandlerSettings withGroupOfProperties() {
        Map<String, Object> properties = get(CONSUMER_PROPERTIES);
        Object groupId = properties == null ? null : properties.get(ConsumerConfig.GROUP_ID_CONFIG);
        return get(GROUP_ID) != null || groupId == null || groupId.toString().isBlank() ? this : with(GROUP_ID, groupId.toString());
    }

    private static <V> Map<String, V> mergeMaps(Map<String, V> upper, Map<String, V> lower) {
        Map<String, V> merged = new LinkedHashMap<>(lower);
        merged.putAll(upper);
        return Collections.unmodifiableMap(merged);
    }

    private static Object immutable(Object value) {
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        if (value instanceof Map<?, ?> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
        return value;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> properties) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        properties.forEach((key, value) -> keyed.put(String.valueOf(key), value));
        return keyed;
    }

    private static <N extends Comparable<N>> Rule<N> atLeast(N minimum) {
        return Rule.of(value -> value.compareTo(minimum) >= 0, "at least " + minimum);
    }

    private static Rule<Duration> notNegative() {
        return Rule.of(duration -> !duration.isNegative(), "not negative");
    }

    private static void compiles(String pattern, String name, String where) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new KClientConfigurationException("Invalid value '" + pattern + "' for " + name + " of " + where
                    + ": not a regular expression: " + e.getDescription(), e);
        }
    }

    /**
     * One setting: the name its properties carry ({@code kclient.handlers.<id>.<name>}), its default
     * ({@code null}: none), the rule a value must keep, and how a layer's value merges with a lower one's.
     *
     * @param <T> the value's type
     */
    public static final class Setting<T> {

        private final String name;
        private final T defaultValue;
        private final Rule<T> rule;
        private final BinaryOperator<T> merge;

        private Setting(String name, T defaultValue, Rule<T> rule) {
            this(name, defaultValue, rule, (upper, lower) -> upper);
        }

        private Setting(String name, T defaultValue, Rule<T> rule, BinaryOperator<T> merge) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.rule = rule;
            this.merge = merge;
        }

        /** The property name, as under {@code kclient.handlers.<id>.}. */
        public String name() {
            return name;
        }

        /** The engine's default, or {@code null} for none. */
        public T defaultValue() {
            return defaultValue;
        }

        @SuppressWarnings("unchecked")
        private void check(Object value, String where) {
            rule.check((T) value, name, where);
        }

        @SuppressWarnings("unchecked")
        private Object merge(Object upper, Object lower) {
            return merge.apply((T) upper, (T) lower);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What a setting's value must be; fails naming the value, the setting and where it was set. */
    @FunctionalInterface
    private interface Rule<T> {

        void check(T value, String name, String where);

        static <T> Rule<T> none() {
            return (value, name, where) -> { };
        }

        /** A rule that the value {@code is}, stated as {@code what} in the error. */
        static <T> Rule<T> of(Predicate<T> is, String what) {
            return (value, name, where) -> {
                if (!is.test(value)) {
                    throw new KClientConfigurationException("Invalid value " + value + " for " + name + " of " + where + ": " + what);
                }
            };
        }

        /** Kafka client properties, checked against the client's own configuration keys. */
        static Rule<Map<String, Object>> kafka(java.util.function.BiConsumer<Map<String, Object>, String> validator) {
            return (properties, name, where) -> validator.accept(properties, name + " of " + where);
        }
    }
}
