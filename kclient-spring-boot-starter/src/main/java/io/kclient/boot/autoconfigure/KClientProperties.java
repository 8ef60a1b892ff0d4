package io.kclient.boot.autoconfigure;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import io.kclient.TombstonePolicy;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.config.KafkaPropertiesValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * KClient's {@code kclient.*} properties, and the one place they are mapped onto the engine's
 * settings ({@link #buildDefaults()}, {@link Handler#toSettings()}, {@link #buildTopicSettings()}
 * and the {@code build*Properties()} methods).
 *
 * <p>A handler's settings come from, in order of precedence: {@code kclient.handlers.<id>.*}, its
 * annotation, then {@code kclient.defaults.*}: each a {@link HandlerSettings} layer, mapped from
 * {@link HandlerProperties}, the one class both are bound to.
 *
 * <p>About 400 lines: Spring Boot binds a property to a JavaBean field, and each needs its javadoc
 * (the IDE's description), a getter and a setter; the nested classes are the property groups.
 */
@ConfigurationProperties("kclient")
public class KClientProperties {

    /** Whether KClient is auto-configured at all. */
    private boolean enabled = true;

    /** Whether handlers start with the application context; when false, start them through the KClientEndpointRegistry. */
    private boolean autoStartup = true;

    /**
     * Kafka bootstrap servers (host:port, comma-separated) of every client. Default:
     * spring.kafka.bootstrap-servers; one of the two must be set unless a KClientConnectionDetails bean is defined.
     */
    private List<String> bootstrapServers = new ArrayList<>();

    /** Kafka properties of every client KClient creates (consumers, producers, admin): security and the like. */
    private Map<String, String> properties = new HashMap<>();

    /** Consumer settings of every handler. */
    private final Consumer consumer = new Consumer();

    /** Producer settings of every handler's output. */
    private final Producer producer = new Producer();

    /** How handlers run where neither their annotation nor kclient.handlers.<id> says otherwise. */
    private final HandlerProperties defaults = new HandlerProperties();

    /** How long a stop (or a revoke) waits for records under way before it gives up on them, and then for its last commit. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** How long the start waits for the cluster to answer (topic check and creation) before it fails. */
    private Duration startTimeout = Duration.ofSeconds(30);

    /** Creation of the topics handlers read and write. */
    private final Topics topics = new Topics();

    /** Micrometer observation (and so tracing) of handler calls. */
    private final Observation observation = new Observation();

    /** How the Actuator health indicator judges the handlers. */
    private final HealthCheck health = new HealthCheck();

    /** The RpcClient bean, which calls handlers and waits for their replies. */
    private final Rpc rpc = new Rpc();

    /**
     * Per-handler settings by handler id (@InputConsumer(id), by default beanName.methodName), over
     * the handler's annotation. Ids match as Spring Boot matches names from the environment:
     * kclient.handlers.animalsHandler.onDog.concurrency=8, kclient.handlers[animalsHandler.onDog].concurrency=8
     * (the id exactly) and KCLIENT_HANDLERS_ANIMALSHANDLER_ONDOG_CONCURRENCY=8 set the same handler.
     */
    private Map<String, Handler> handlers = new LinkedHashMap<>();

    /** Settings of handlers that set none themselves: {@code kclient.defaults.*}, the consumer group and the shutdown timeout. */
    public HandlerSettings buildDefaults() {
        String groupId = consumer.groupId == null || consumer.groupId.isBlank() ? null : consumer.groupId;
        return defaults.toSettings().with(HandlerSettings.GROUP_ID, groupId).with(HandlerSettings.SHUTDOWN_TIMEOUT, shutdownTimeout);
    }

    /** Whether and how missing topics are created at start. */
    public TopicSettings buildTopicSettings() {
        return valid("kclient.topics", () -> new TopicSettings(topics.createMissing, topics.partitions, topics.replicationFactor));
    }

    /** {@code kclient.properties.*}, validated as both consumer and producer properties since every client gets them. */
    public Map<String, Object> buildClientProperties() {
        Map<String, Object> built = new LinkedHashMap<>(properties);
        KafkaPropertiesValidator.validateConsumer(built, "kclient.properties");
        KafkaPropertiesValidator.validateProducer(built, "kclient.properties");
        return built;
    }

    /** {@code kclient.consumer.properties.*}, validated: a key that is no consumer config fails. */
    public Map<String, Object> buildConsumerProperties() {
        Map<String, Object> built = new LinkedHashMap<>(consumer.properties);
        KafkaPropertiesValidator.validateConsumer(built, "kclient.consumer.properties");
        return built;
    }

    /** {@code kclient.producer.properties.*}, validated: a key that is no producer config fails. */
    public Map<String, Object> buildProducerProperties() {
        Map<String, Object> built = new LinkedHashMap<>(producer.properties);
        KafkaPropertiesValidator.validateProducer(built, "kclient.producer.properties");
        return built;
    }

    /** The settings' records refuse bad values with IllegalArgumentException; say which properties. */
    private static <T> T valid(String prefix, Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new KClientConfigurationException("Invalid " + prefix + ".*: " + e.getMessage(), e);
        }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isAutoStartup() { return autoStartup; }
    public void setAutoStartup(boolean autoStartup) { this.autoStartup = autoStartup; }
    public List<String> getBootstrapServers() { return bootstrapServers; }
    public void setBootstrapServers(List<String> bootstrapServers) { this.bootstrapServers = bootstrapServers; }
    public Map<String, String> getProperties() { return properties; }
    public void setProperties(Map<String, String> properties) { this.properties = properties; }
    public Consumer getConsumer() { return consumer; }
    public Producer getProducer() { return producer; }
    public HandlerProperties getDefaults() { return defaults; }
    public Duration getStartTimeout() { return startTimeout; }
    public void setStartTimeout(Duration startTimeout) { this.startTimeout = startTimeout; }
    public Duration getShutdownTimeout() { return shutdownTimeout; }
    public void setShutdownTimeout(Duration shutdownTimeout) { this.shutdownTimeout = shutdownTimeout; }
    public Topics getTopics() { return topics; }
    public Observation getObservation() { return observation; }
    public HealthCheck getHealth() { return health; }
    public Rpc getRpc() { return rpc; }
    /**
     * The map as Spring Boot binds it (for IDE metadata): its key is the first element after
     * {@code kclient.handlers}, in lower case from the environment. The engine matches each
     * handler's settings to its id itself, in all the forms {@link #handlers} names.
     */
    public Map<String, Handler> getHandlers() { return handlers; }
    public void setHandlers(Map<String, Handler> handlers) { this.handlers = handlers; }

    /** How the Actuator health indicator judges the handlers. */
    public static class HealthCheck {

        /**
         * How long a handler may have records waiting with none completing before it counts as
         * stalled and the health is DOWN. Longer than the slowest record's handling, retries included.
         */
        private Duration stallTimeout = Duration.ofMinutes(5);

        public Duration getStallTimeout() { return stallTimeout; }
        public void setStallTimeout(Duration stallTimeout) { this.stallTimeout = stallTimeout; }
    }

    /** Consumer settings of every handler. */
    public static class Consumer {

        /** Consumer group of handlers that name none. Default: each handler's id. */
        private String groupId;

        /** Kafka consumer properties of every handler; a key that is no consumer config fails the start. */
        private Map<String, String> properties = new HashMap<>();

        public String getGroupId() { return groupId; }
        public void setGroupId(String groupId) { this.groupId = groupId; }
        public Map<String, String> getProperties() { return properties; }
        public void setProperties(Map<String, String> properties) { this.properties = properties; }
    }

    /** Producer settings of every handler's output. */
    public static class Producer {

        /** Kafka producer properties of every output; a key that is no producer config fails the start. */
        private Map<String, String> properties = new HashMap<>();

        public Map<String, String> getProperties() { return properties; }
        public void setProperties(Map<String, String> properties) { this.properties = properties; }
    }

    /** Creation of the topics handlers read and write. */
    public static class Topics {

        /** Whether missing input, output and dead-letter topics are created at start; when false a missing topic fails the start. */
        private boolean createMissing = true;

        /** Partitions of a created topic. */
        private int partitions = 1;

        /** Replication factor of a created topic; -1 for the broker's default. */
        private short replicationFactor = -1;

        public boolean isCreateMissing() { return createMissing; }
        public void setCreateMissing(boolean createMissing) { this.createMissing = createMissing; }
        public int getPartitions() { return partitions; }
        public void setPartitions(int partitions) { this.partitions = partitions; }
        public short getReplicationFactor() { return replicationFactor; }
        public void setReplicationFactor(short replicationFactor) { this.replicationFactor = replicationFactor; }
    }

    /** Micrometer observation (and so tracing) of handler calls. */
    public static class Observation {

        /**
         * Whether handler calls are observed when the context has an ObservationRegistry: the trace
         * context travels in record headers from a handler's input to its outputs.
         */
        private boolean enabled = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }

    /** The RpcClient bean, which calls handlers and waits for their replies. */
    public static class Rpc {

        /**
         * The topic this instance's replies come to, created when missing. Give each instance its own,
         * stable across restarts (the pod or host name, say). Default: kclient-replies-<host name>.
         */
        private String replyTopic;

        public String getReplyTopic() { return replyTopic; }
        public void setReplyTopic(String replyTopic) { this.replyTopic = replyTopic; }
    }

    /**
     * A handler's settings, as {@code kclient.defaults} and each {@code kclient.handlers.<id>} give
     * them: each unset one leaves the value of the layer below (the annotation, the defaults, the
     * engine's default).
     */
    public static class HandlerProperties {

        /** Worker threads per handler. Default: 1. */
        private Integer concurrency;

        /** Record order the workers keep: key (one record of a key at a time), partition, or none. Default: key. */
        private Ordering ordering;

        /** Records a handler may hold between poll and commit before its consumer pauses. Default: 20000. */
        private Integer maxInFlight;

        /**
         * Key and payload bytes of the records a handler has taken and not finished (running, or
         * waiting for their key or partition) before its consumer pauses: what bounds the heap
         * in-flight records take when they are large. A single larger record still runs, alone. Default: 64MB.
         */
        private DataSize maxInFlightBytes;

        /**
         * The largest payload (or key), in bytes, a handler reads; a larger record goes to the
         * dead-letter topic unparsed. Default: 1 MiB, Kafka's default largest record.
         */
        private Integer maxPayloadBytes;

        /**
         * Payload format settings, by <format>.<setting>, over those of the layer below (kclient.defaults
         * under a handler's): avro.encoding (single-object, the default, or binary), avro.schema (the
         * schema of GenericRecord payloads: its JSON, a classpath: location or a file),
         * protobuf.unknown-fields (keep, the default, or refuse).
         */
        private Map<String, String> format = new LinkedHashMap<>();

        /**
         * What a tombstone (a record without a value) becomes in a handler whose payload parameter is
         * neither @Nullable nor Optional: skip (done without calling the handler, counted in
         * kclient.tombstones.skipped) or dead-letter (a poison pill). Never retried. Default: skip.
         */
        private TombstonePolicy tombstones;

        /** Attempts and backoff before a failed record is given up. */
        private final Retry retry = new Retry();

        /** Appended to a record's topic to name its dead-letter topic. Default: .DLT. */
        private String deadLetterSuffix;

        /**
         * at-least-once (the default) or exactly-once: each poll batch's outputs, dead letters and
         * offsets committed in one Kafka transaction.
         */
        private Delivery delivery;

        /**
         * Consume as a member of a share group (a work queue: records go to any instance and worker,
         * in no order, each acknowledged on its own) instead of a consumer group. Default: false.
         */
        private Boolean shareGroup;

        /** Non-blocking retries through retry topics. */
        private final RetryTopics retryTopics = new RetryTopics();

        /** These properties as a layer of settings; unset ones set nothing. */
        public HandlerSettings toSettings() {
            return HandlerSettings.NONE
                    .with(HandlerSettings.CONCURRENCY, concurrency)
                    .with(HandlerSettings.ORDERING, ordering)
                    .with(HandlerSettings.MAX_IN_FLIGHT, maxInFlight)
                    .with(HandlerSettings.MAX_IN_FLIGHT_BYTES, maxInFlightBytes == null ? null : maxInFlightBytes.toBytes())
                    .with(HandlerSettings.MAX_PAYLOAD_BYTES, maxPayloadBytes)
                    .with(HandlerSettings.FORMAT, format.isEmpty() ? null : format)
                    .with(HandlerSettings.TOMBSTONES, tombstones)
                    .with(HandlerSettings.RETRY_MAX_ATTEMPTS, retry.maxAttempts)
                    .with(HandlerSettings.RETRY_INITIAL_BACKOFF, retry.initialBackoff)
                    .with(HandlerSettings.RETRY_MULTIPLIER, retry.multiplier)
                    .with(HandlerSettings.RETRY_MAX_BACKOFF, retry.maxBackoff)
                    .with(HandlerSettings.DEAD_LETTER_SUFFIX, deadLetterSuffix)
                    .with(HandlerSettings.DELIVERY, delivery)
                    .with(HandlerSettings.SHARE_GROUP, shareGroup)
                    .with(HandlerSettings.RETRY_TOPICS, retryTopics.delays);
        }

        public Integer getConcurrency() { return concurrency; }
        public void setConcurrency(Integer concurrency) { this.concurrency = concurrency; }
        public Ordering getOrdering() { return ordering; }
        public void setOrdering(Ordering ordering) { this.ordering = ordering; }
        public Integer getMaxInFlight() { return maxInFlight; }
        public void setMaxInFlight(Integer maxInFlight) { this.maxInFlight = maxInFlight; }
        public DataSize getMaxInFlightBytes() { return maxInFlightBytes; }
        public void setMaxInFlightBytes(DataSize maxInFlightBytes) { this.maxInFlightBytes = maxInFlightBytes; }
        public Integer getMaxPayloadBytes() { return maxPayloadBytes; }
        public void setMaxPayloadBytes(Integer maxPayloadBytes) { this.maxPayloadBytes = maxPayloadBytes; }
        public Map<String, String> getFormat() { return format; }
        public void setFormat(Map<String, String> format) { this.format = format; }
        public TombstonePolicy getTombstones() { return tombstones; }
        public void setTombstones(TombstonePolicy tombstones) { this.tombstones = tombstones; }
        public Retry getRetry() { return retry; }
        public String getDeadLetterSuffix() { return deadLetterSuffix; }
        public void setDeadLetterSuffix(String deadLetterSuffix) { this.deadLetterSuffix = deadLetterSuffix; }
        public Delivery getDelivery() { return delivery; }
        public void setDelivery(Delivery delivery) { this.delivery = delivery; }
        public Boolean getShareGroup() { return shareGroup; }
        public void setShareGroup(Boolean shareGroup) { this.shareGroup = shareGroup; }
        public RetryTopics getRetryTopics() { return retryTopics; }
    }

    /** One handler's settings over its annotation; what is unset leaves the annotation's value. */
    public static class Handler extends HandlerProperties {

        /** Consumer group of this handler. */
        private String groupId;

        /** Topics to consume, instead of the annotation's topics or topic pattern. */
        private List<String> topics = new ArrayList<>();

        /** Dead-letter topic of this handler's failed records, instead of <topic><dead-letter-suffix>. */
        private String deadLetterTopic;

        /** Kafka consumer properties of this handler, over its propertiesFile and kclient.consumer.properties. */
        private final HandlerClient consumer = new HandlerClient();

        /** Kafka producer properties of this handler's output, over its propertiesFile and kclient.producer.properties. */
        private final HandlerClient producer = new HandlerClient();

        @Override
        public HandlerSettings toSettings() {
            return super.toSettings()
                    .with(HandlerSettings.GROUP_ID, groupId)
                    .with(HandlerSettings.TOPICS, topics.isEmpty() ? null : topics)
                    .with(HandlerSettings.DEAD_LETTER_TOPIC, deadLetterTopic)
                    .with(HandlerSettings.CONSUMER_PROPERTIES, consumer.properties.isEmpty() ? null : new LinkedHashMap<String, Object>(consumer.properties))
                    .with(HandlerSettings.PRODUCER_PROPERTIES, producer.properties.isEmpty() ? null : new LinkedHashMap<String, Object>(producer.properties));
        }

        public String getGroupId() { return groupId; }
        public void setGroupId(String groupId) { this.groupId = groupId; }
        public List<String> getTopics() { return topics; }
        public void setTopics(List<String> topics) { this.topics = topics; }
        public String getDeadLetterTopic() { return deadLetterTopic; }
        public void setDeadLetterTopic(String deadLetterTopic) { this.deadLetterTopic = deadLetterTopic; }
        public HandlerClient getConsumer() { return consumer; }
        public HandlerClient getProducer() { return producer; }
    }

    /** Attempts and backoff before a failed record goes to the error handler and the dead-letter topic. */
    public static class Retry {

        /** Attempts in all, the first included; 1 means no retry. Default: 3. */
        private Integer maxAttempts;

        /** Wait before the second attempt. Default: 100ms. */
        private Duration initialBackoff;

        /** Factor applied to the wait after each further failure. Default: 2.0. */
        private Double multiplier;

        /** The longest wait between two attempts. Default: 10s. */
        private Duration maxBackoff;

        public Integer getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(Integer maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public Double getMultiplier() { return multiplier; }
        public void setMultiplier(Double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    }

    /** Retry topics. */
    public static class RetryTopics {

        /**
         * The wait before each retry topic's attempt, one retry topic (<topic>.retry-1, -2...) per
         * delay; an empty list turns the annotation's retry topics off. Default: none.
         */
        private List<Duration> delays;

        public List<Duration> getDelays() { return delays; }
        public void setDelays(List<Duration> delays) { this.delays = delays; }
    }

    /** Kafka client properties of one handler, over the engine-wide ones. */
    public static class HandlerClient {

        /** Kafka properties of this handler's client; a key that is no config of the client fails the start. */
        private Map<String, String> properties = new HashMap<>();

        public Map<String, String> getProperties() { return properties; }
        public void setProperties(Map<String, String> properties) { this.properties = properties; }
    }
}
