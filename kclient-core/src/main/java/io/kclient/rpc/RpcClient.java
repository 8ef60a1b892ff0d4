package io.kclient.rpc;

import io.kclient.KClientConfigurationException;
import io.kclient.KClientException;
import io.kclient.admin.TopicProvisioner;
import io.kclient.admin.TopicSettings;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.clients.TextHeaders;
import io.kclient.clients.TopicNames;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.PayloadReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls KClient handlers over Kafka. {@link #call} sends a request to a handler's topic and waits
 * for the handler's return value; {@link #callAsync} returns a future of it; {@link #cast} sends
 * and does not wait for any answer. The handler needs nothing special: the engine sends its
 * return value to the reply topic the request names, with the request's correlation id.
 *
 * <pre>{@code
 * try (RpcClient rpc = RpcClient.builder().bootstrapServers("localhost:9092").build()) {
 *     Cat cat = rpc.call("dogs", "d1", new Dog("d1", "Rex", 3), Cat.class, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Each client reads replies from a reply topic of its own ({@link Builder#replyTopic}), created
 * when missing, starting at its end when the first call is made (or at {@link #start()}), with no
 * consumer group. Replies to other clients' calls are ignored, so two clients sharing a reply
 * topic by mistake still each get their own answers; they only read more than they need.
 * Timeouts and remote failures complete a call with {@link RpcTimeoutException} and
 * {@link RemoteHandlerException}. A call's future completes on the client's reply thread: keep
 * what depends on it short, or use the {@code ...Async} stages.
 *
 * <p>About 300 lines with its builder: the calls and the options they are made with are one API;
 * reading replies and matching them to calls are {@link ReplyListener}'s and {@link PendingCalls}'.
 */
public final class RpcClient implements AutoCloseable {

    private final KafkaClientFactory clients;
    private final String replyTopic;
    private final TopicProvisioner provisioner;
    private final Duration startTimeout;
    private final PayloadConverters converters;
    private final Map<String, Object> producerConfig;
    private final PendingCalls pending = new PendingCalls();
    private final Map<Class<?>, PayloadReader> readers = new ConcurrentHashMap<>();
    private Producer<byte[], byte[]> producer;
    private ReplyListener replies;
    private boolean closed;

    private RpcClient(Builder b, KafkaClientFactory clients) {
        this.clients = clients;
        this.replyTopic = b.replyTopic != null ? b.replyTopic : defaultReplyTopic();
        this.startTimeout = b.startTimeout;
        // one partition: a reply topic serves one client, and its replies need no parallel reading
        this.provisioner = new TopicProvisioner(clients, new TopicSettings(b.topics.createMissing(), 1,
                b.topics.replicationFactor()), b.startTimeout);
        this.converters = PayloadConverters.of(b.jsonMapper);
        // a caller waits for each request: send it at once, unless the producer properties say otherwise
        this.producerConfig = Map.copyOf(clients.producerConfig(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0), Map.of()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The topic this client's replies come to. */
    public String replyTopic() {
        return replyTopic;
    }

    /**
     * Creates the reply topic if missing and starts reading it; the first call does it when this
     * was not called. Fails with a {@link KClientConfigurationException} when the cluster does not
     * answer within the start timeout. Calling it again does nothing.
     */
    public synchronized void start() {
        if (replies != null) {
            return;
        }
        producer(); // every call needs it; refused once closed
        provisioner.provision(List.of(replyTopic));
        Consumer<byte[], byte[]> consumer = clients.createConsumer(consumerConfig());
        try {
            replies = new ReplyListener(consumer, replyTopic, startTimeout, pending::complete);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw new KClientConfigurationException("Could not start reading the reply topic '" + replyTopic + "': " + e, e);
        }
    }

    /**
     * Sends {@code request} to {@code topic} and waits for the handler's reply, read as {@code replyType}
     * ({@code Void} for a handler that returns nothing).
     *
     * @throws RpcTimeoutException no reply came within {@code timeout}
     * @throws RemoteHandlerException the handler failed for good; the request went to its dead-letter topic
     * @throws KClientException the request could not be sent, or the reply not read as {@code replyType}
     */
    public <R> R call(String topic, Object key, Object request, Class<R> replyType, Duration timeout) {
        try {
            return callAsync(topic, key, request, replyType, timeout).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof KClientException failure ? failure : e;
        }
    }

    /**
     * As {@link #call}, without waiting: the future completes with the reply, or exceptionally
     * with the exceptions {@link #call} throws.
     */
    public <R> CompletableFuture<R> callAsync(String topic, Object key, Object request, Class<R> replyType, Duration timeout) {
        Objects.requireNonNull(replyType, "replyType");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        start();
        String correlationId = UUID.randomUUID().toString();
        ProducerRecord<byte[], byte[]> record = record(topic, key, request);
        TextHeaders.put(record.headers(), RpcHeaders.CORRELATION_ID, correlationId);
        TextHeaders.put(record.headers(), RpcHeaders.REPLY_TOPIC, replyTopic);
        CompletableFuture<Object> reply = pending.register(correlationId, topic, readers.computeIfAbsent(replyType, this::reader), timeout);
        send(record).whenComplete((metadata, error) -> {
            if (error != null) {
                pending.fail(correlationId, (KClientException) error);
            }
        });
        return reply.thenApply(replyType::cast);
    }

    /**
     * Sends {@code request} to {@code topic} and expects no answer: the handler's output goes where
     * it always goes. The future completes when the broker acknowledged the request.
     */
    public CompletableFuture<RecordMetadata> cast(String topic, Object key, Object request) {
        return send(record(topic, key, request));
    }

    /** Calls waiting for their reply now. */
    public int pendingCalls() {
        return pending.size();
    }

    /** Fails the calls still waiting, stops reading replies, flushes and closes the producer. */
    @Override
    public synchronized void close() {
        closed = true;
        if (replies != null) {
            replies.close();
        }
        pending.close();
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The request producer, made at the first request: a client that is never used opens nothing. */
    private synchronized Producer<byte[], byte[]> producer() {
        if (closed) {
            throw new KClientException("The RpcClient is closed");
        }
        if (producer == null) {
            producer = clients.createProducer(producerConfig);
        }
        return producer;
    }

    private ProducerRecord<byte[], byte[]> record(String topic, Object key, Object request) {
        Objects.requireNonNull(topic, "topic");
        return new ProducerRecord<>(topic, null, converters.write(key), converters.write(request));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        try {
            producer().send(record, (metadata, error) -> {
                if (error == null) {
                    sent.complete(metadata);
                } else {
                    sent.completeExceptionally(notSent(record, error));
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(notSent(record, e));
        }
        return sent;
    }

    private static KClientException notSent(ProducerRecord<byte[], byte[]> record, Throwable error) {
        return new KClientException("Could not send the request to topic '" + record.topic() + "': " + error, error);
    }

    private PayloadReader reader(Class<?> type) {
        return type == Void.class ? data -> null : converters.readerFor(type);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = clients.consumerConfig(Map.of(
                // an exactly-once handler's reply counts only once its transaction commits
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "kclient-rpc-" + replyTopic), Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /** {@code kclient-replies-<host name>}: stable across restarts, so they leave no topic behind. */
    private static String defaultReplyTopic() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = UUID.randomUUID().toString();
        }
        return "kclient-replies-" + host.replaceAll("[^a-zA-Z0-9._-]", "_");
    }

    /** Collects the configuration of an {@link RpcClient}. */
    public static final class Builder {

        private KafkaClientFactory.Builder clients = KafkaClientFactory.builder();
        private ObjectMapper jsonMapper;
        private String replyTopic;
        private TopicSettings topics = TopicSettings.DEFAULT;
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Kafka's {@code bootstrap.servers}. Required. */
        public Builder bootstrapServers(String bootstrapServers) {
            clients.bootstrapServers(bootstrapServers);
            return this;
        }

        /**
         * Makes the client's producer, reply consumer and admin client from this factory (the
         * engine's, so it connects like the handlers), with what this builder adds after this call.
         */
        public Builder clients(KafkaClientFactory clients) {
            this.clients = clients.toBuilder();
            return this;
        }

        /** The mapper requests are written and replies read with (a hardened copy of it); by default a plain one. */
        public Builder jsonMapper(ObjectMapper jsonMapper) {
            this.jsonMapper = jsonMapper;
            return this;
        }

        /** Properties of the client's producer, reply consumer and admin client: security, for example. */
        public Builder clientProperties(Map<String, ?> properties) {
            clients.clientProperties(properties);
            return this;
        }

        /** Kafka producer properties of requests; {@code linger.ms} is 0 unless set here. */
        public Builder producerProperties(Map<String, ?> properties) {
            clients.producerProperties(properties);
            return this;
        }

        /** Kafka consumer properties of the reply consumer. */
        public Builder consumerProperties(Map<String, ?> properties) {
            clients.consumerProperties(properties);
            return this;
        }

        /**
         * The topic replies come to. Give each application instance its own, stable across its
         * restarts (the host or pod name, say): replies then reach only the instance that called.
         * Default: {@code kclient-replies-<host name>}.
         */
        public Builder replyTopic(String replyTopic) {
            this.replyTopic = replyTopic;
            return this;
        }

        /** Whether the reply topic is created when missing (with one partition) and its replication. */
        public Builder topics(TopicSettings topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /** How long {@link RpcClient#start()} waits for the cluster; 30 s by default. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /** Builds the client; it connects at {@link RpcClient#start()} or its first call. */
        public RpcClient build() {
            String refusal = replyTopic == null ? null : TopicNames.refusal(replyTopic);
            if (refusal != null) {
                throw new KClientConfigurationException("Reply topic '" + replyTopic + "' (kclient.rpc.reply-topic, or "
                        + "RpcClient.builder().replyTopic(...)) " + refusal);
            }
            return new RpcClient(this, clients.build());
        }
    }
}
