package io.kclient.config;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import io.kclient.TombstonePolicy;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One handler: which bean method handles which topics, how it runs, and where its output goes.
 * Read from annotations by {@link AnnotatedHandlerReader} or built by hand with {@link #builder}.
 * Settings left {@code null} fall back on the engine's {@link HandlerDefaults}.
 */
public final class HandlerEndpoint {

    private final String id;
    private final Object bean;
    private final String beanName;
    private final Method method;
    private final List<String> topics;
    private final String topicPattern;
    private final String groupId;
    private final Integer concurrency;
    private final Ordering ordering;
    private final Integer maxInFlight;
    private final Long maxInFlightBytes;
    private final Integer maxPayloadBytes;
    private final Map<String, String> formatSettings;
    private final TombstonePolicy tombstones;
    private final RetrySettings retry;
    private final String deadLetterTopic;
    private final Delivery delivery;
    private final boolean shareGroup;
    private final List<Duration> retryTopicDelays;
    private final Map<String, Object> consumerProperties;
    private final String outputTopic;
    private final boolean repliesOnly;
    private final Map<String, Object> producerProperties;
    private final List<ErrorHandlerMethod> errorHandlers;

    private HandlerEndpoint(Builder b) {
        this.bean = Objects.requireNonNull(b.bean, "bean");
        this.method = Objects.requireNonNull(b.method, "method");
        this.beanName = b.beanName != null ? b.beanName : defaultBeanName(b.bean);
        this.id = b.id != null ? b.id : this.beanName + "." + b.method.getName();
        this.topics = List.copyOf(b.topics);
        this.topicPattern = b.topicPattern;
        this.groupId = b.groupId;
        this.concurrency = b.concurrency;
        this.ordering = b.ordering;
        this.maxInFlight = b.maxInFlight;
        this.maxInFlightBytes = b.maxInFlightBytes;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.formatSettings = Map.copyOf(b.formatSettings);
        this.tombstones = b.tombstones;
        this.retry = b.retry;
        this.deadLetterTopic = b.deadLetterTopic;
        this.delivery = b.delivery;
        this.shareGroup = b.shareGroup;
        this.retryTopicDelays = List.copyOf(b.retryTopicDelays);
        this.consumerProperties = Map.copyOf(b.consumerProperties);
        this.outputTopic = b.outputTopic;
        this.repliesOnly = b.repliesOnly;
        this.producerProperties = Map.copyOf(b.producerProperties);
        this.errorHandlers = List.copyOf(b.errorHandlers);
        if (topics.isEmpty() == (topicPattern == null)) {
            throw new KClientConfigurationException(describe() + " needs either topics or a topic pattern to consume, not "
                    + (topics.isEmpty() ? "neither" : "both") + ": set @InputConsumer(topics = ...) or topicPattern");
        }
        if (repliesOnly && outputTopic != null) {
            throw new KClientConfigurationException(describe() + " has both @Replies and @OutputProducer: a handler with "
                    + "@OutputProducer answers requests too, so keep @OutputProducer, or keep @Replies to publish only replies");
        }
        if (concurrency != null && concurrency < 1) {
            throw new KClientConfigurationException(describe() + ": concurrency must be at least 1, was " + concurrency);
        }
        if (maxInFlight != null && maxInFlight < 1) {
            throw new KClientConfigurationException(describe() + ": max-in-flight must be at least 1, was " + maxInFlight);
        }
        if (maxInFlightBytes != null && maxInFlightBytes < 1) {
            throw new KClientConfigurationException(describe() + ": max-in-flight-bytes must be at least 1, was "
                    + maxInFlightBytes);
        }
        if (maxPayloadBytes != null && maxPayloadBytes < 1) {
            throw new KClientConfigurationException(describe() + ": max-payload-bytes must be at least 1, was " + maxPayloadBytes);
        }
        if (shareGroup) {
            checkShareGroup();
        }
        if (!retryTopicDelays.isEmpty()) {
            checkRetryTopics();
        }
    }

    /** What a share group cannot give: a pattern subscription, transactions, order. */
    private void checkShareGroup() {
        String fix = " run it in a consumer group (remove @InputConsumer(shareGroup = true), or set kclient.handlers["
                + id + "].share-group=false)";
        if (topicPattern != null) {
            throw new KClientConfigurationException(describe() + " consumes a topic pattern in a share group, which subscribes "
                    + "to named topics only: name the topics, or" + fix);
        }
        if (delivery == Delivery.EXACTLY_ONCE) {
            throw new KClientConfigurationException(describe() + " is exactly-once in a share group, but a share group's "
                    + "acknowledgements cannot join a Kafka transaction: remove delivery = EXACTLY_ONCE, or" + fix);
        }
        if (ordering != null && ordering != Ordering.NONE) {
            throw new KClientConfigurationException(describe() + " asks for ordering " + ordering + " in a share group, "
                    + "which hands records to any member in no order: remove the ordering, or" + fix);
        }
    }

    /** Retry topics are named after the topics consumed, and forward records outside any transaction. */
    private void checkRetryTopics() {
        String fix = ": remove @RetryTopics (or kclient.handlers[" + id + "].retry-topics.delays)";
        if (retryTopicDelays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new KClientConfigurationException(describe() + ": every retry topic delay must be positive, were "
                    + retryTopicDelays);
        }
        if (topicPattern != null) {
            throw new KClientConfigurationException(describe() + " has retry topics but consumes a topic pattern, which "
                    + "could match its own retry topics: name the topics" + fix.replace(": remove", ", or remove"));
        }
        if (shareGroup) {
            throw new KClientConfigurationException(describe() + " has retry topics in a share group, which retries by "
                    + "delivering records again" + fix);
        }
        if (delivery == Delivery.EXACTLY_ONCE) {
            throw new KClientConfigurationException(describe() + " has retry topics and is exactly-once, which retry "
                    + "topics do not support" + fix + ", or remove delivery = EXACTLY_ONCE");
        }
    }

    private static String defaultBeanName(Object bean) {
        String simple = bean.getClass().getSimpleName();
        return simple.isEmpty() ? bean.getClass().getName() : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** A new endpoint for this bean method. */
    public static Builder builder(Object bean, Method method) {
        return new Builder(bean, method);
    }

    /** A builder holding this endpoint's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(bean, method).id(id).beanName(beanName).topics(topics).topicPattern(topicPattern)
                .groupId(groupId).concurrency(concurrency).ordering(ordering).maxInFlight(maxInFlight)
                .maxInFlightBytes(maxInFlightBytes).maxPayloadBytes(maxPayloadBytes).formatSettings(formatSettings)
                .tombstones(tombstones).retry(retry).deadLetterTopic(deadLetterTopic)
                .delivery(delivery).shareGroup(shareGroup)
                .retryTopics(retryTopicDelays)
                .outputTopic(outputTopic).repliesOnly(repliesOnly);
        b.consumerProperties.putAll(consumerProperties);
        b.producerProperties.putAll(producerProperties);
        b.errorHandlers.addAll(errorHandlers);
        return b;
    }

    /** How start-up errors and logs name this handler: {@code bean 'animalsHandler' method onDog(Dog)}. */
    public String describe() {
        return describe(beanName, method);
    }

    /** How start-up errors name any method of a bean, in the form of {@link #describe()}. */
    public static String describe(String beanName, Method method) {
        StringBuilder sb = new StringBuilder("bean '").append(beanName).append("' method ").append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    public String id() { return id; }
    public Object bean() { return bean; }
    public String beanName() { return beanName; }
    public Method method() { return method; }
    public List<String> topics() { return topics; }
    /** A regular expression of topics, or {@code null} when {@link #topics()} are named. */
    public String topicPattern() { return topicPattern; }
    public String groupId() { return groupId; }
    public Integer concurrency() { return concurrency; }
    public Ordering ordering() { return ordering; }
    public Integer maxInFlight() { return maxInFlight; }
    /** Bytes (keys and payloads) of records taken and not finished before the consumer pauses; {@code null}: the engine's. */
    public Long maxInFlightBytes() { return maxInFlightBytes; }
    /** The largest payload (or key) this handler reads; larger records are dead-lettered unread. {@code null}: the engine's limit. */
    public Integer maxPayloadBytes() { return maxPayloadBytes; }
    /**
     * This handler's payload format settings, over the engine's, each named {@code <format>.<setting>}
     * ({@code avro.encoding}); they apply to what it reads and what it returns.
     */
    public Map<String, String> formatSettings() { return formatSettings; }
    /** What a tombstone this handler's signature does not take becomes; {@code null}: the engine's, {@link TombstonePolicy#SKIP} by default. */
    public TombstonePolicy tombstones() { return tombstones; }
    public RetrySettings retry() { return retry; }
    /** The dead-letter topic, or {@code null} for the default {@code <topic><suffix>}. */
    public String deadLetterTopic() { return deadLetterTopic; }
    /** At-least-once or transactional; {@code null} for the default, {@link Delivery#AT_LEAST_ONCE}. */
    public Delivery delivery() { return delivery; }
    /** Whether the handler consumes as a member of a share group (a work queue) instead of a consumer group. */
    public boolean shareGroup() { return shareGroup; }
    /** The delay before each retry topic's attempt, one retry topic per delay; empty when failures do not go through retry topics. */
    public List<Duration> retryTopicDelays() { return retryTopicDelays; }
    /** Kafka consumer properties for this handler alone, over the engine's. */
    public Map<String, Object> consumerProperties() { return consumerProperties; }
    /** Where return values go, or {@code null} when the handler publishes nothing. */
    public String outputTopic() { return outputTopic; }
    /** Whether return values only answer requests (and are dropped for other records), having no output topic. */
    public boolean repliesOnly() { return repliesOnly; }
    /** Kafka producer properties for this handler's output, over the engine's. */
    public Map<String, Object> producerProperties() { return producerProperties; }
    public List<ErrorHandlerMethod> errorHandlers() { return errorHandlers; }

    @Override
    public String toString() {
        return "HandlerEndpoint[" + id + " " + (topicPattern != null ? "pattern " + topicPattern : topics)
                + (outputTopic != null ? " -> " + outputTopic : "") + "]";
    }

    /** Builds a {@link HandlerEndpoint}; {@code null} leaves a setting to the defaults. */
    public static final class Builder {

        private final Object bean;
        private final Method method;
        private String id;
        private String beanName;
        private final List<String> topics = new ArrayList<>();
        private String topicPattern;
        private String groupId;
        private Integer concurrency;
        private Ordering ordering;
        private Integer maxInFlight;
        private Long maxInFlightBytes;
        private Integer maxPayloadBytes;
        private final Map<String, String> formatSettings = new LinkedHashMap<>();
        private TombstonePolicy tombstones;
        private RetrySettings retry;
        private String deadLetterTopic;
        private Delivery delivery;
        private boolean shareGroup;
        private final List<Duration> retryTopicDelays = new ArrayList<>();
        private final Map<String, Object> consumerProperties = new LinkedHashMap<>();
        private String outputTopic;
        private boolean repliesOnly;
        private final Map<String, Object> producerProperties = new LinkedHashMap<>();
        private final List<ErrorHandlerMethod> errorHandlers = new ArrayList<>();

        private Builder(Object bean, Method method) {
            this.bean = bean;
            this.method = method;
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder beanName(String beanName) { this.beanName = beanName; return this; }
        public Builder topics(String... topics) { return topics(List.of(topics)); }
        public Builder topics(List<String> topics) { this.topics.clear(); this.topics.addAll(topics); return this; }
        public Builder topicPattern(String topicPattern) { this.topicPattern = topicPattern; return this; }
        public Builder groupId(String groupId) { this.groupId = groupId; return this; }
        public Builder concurrency(Integer concurrency) { this.concurrency = concurrency; return this; }
        public Builder ordering(Ordering ordering) { this.ordering = ordering; return this; }
        public Builder maxInFlight(Integer maxInFlight) { this.maxInFlight = maxInFlight; return this; }
        public Builder maxInFlightBytes(Long maxInFlightBytes) { this.maxInFlightBytes = maxInFlightBytes; return this; }
        public Builder maxPayloadBytes(Integer maxPayloadBytes) { this.maxPayloadBytes = maxPayloadBytes; return this; }
        /** Payload format settings over the ones already set, each named {@code <format>.<setting>}, as {@code avro.encoding}. */
        public Builder formatSettings(Map<String, String> settings) { this.formatSettings.putAll(settings); return this; }
        /** What a tombstone the handler's signature does not take becomes. */
        public Builder tombstones(TombstonePolicy tombstones) { this.tombstones = tombstones; return this; }
        public Builder retry(RetrySettings retry) { this.retry = retry; return this; }
        public Builder deadLetterTopic(String deadLetterTopic) { this.deadLetterTopic = deadLetterTopic; return this; }
        public Builder delivery(Delivery delivery) { this.delivery = delivery; return this; }
        /** Consume as a member of a share group: records go to any member and worker, in no order, acknowledged one by one. */
        public Builder shareGroup(boolean shareGroup) { this.shareGroup = shareGroup; return this; }
        /** Non-blocking retries: a record still failing after its attempts waits each delay in turn on a retry topic of its own. */
        public Builder retryTopics(List<Duration> delays) { this.retryTopicDelays.clear(); this.retryTopicDelays.addAll(delays); return this; }
        public Builder consumerProperties(Map<String, ?> properties) { this.consumerProperties.putAll(properties); return this; }
        public Builder outputTopic(String outputTopic) { this.outputTopic = outputTopic; return this; }
        public Builder repliesOnly(boolean repliesOnly) { this.repliesOnly = repliesOnly; return this; }
        public Builder producerProperties(Map<String, ?> properties) { this.producerProperties.putAll(properties); return this; }
        public Builder errorHandler(ErrorHandlerMethod errorHandler) { this.errorHandlers.add(errorHandler); return this; }

        public HandlerEndpoint build() {
            return new HandlerEndpoint(this);
        }
    }
}
