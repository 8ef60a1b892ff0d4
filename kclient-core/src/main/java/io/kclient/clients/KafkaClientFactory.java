package io.kclient.clients;

import io.kclient.KClientConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Every Kafka client KClient makes, from one resolved set of settings: the handlers' consumers,
 * the output, dead-letter and reply producers, the {@code KafkaPublisher}, the {@code RpcClient}
 * and the admin client that checks topics. The settings, lowest first: what the caller defaults,
 * then the properties of every client ({@code bootstrap.servers}, security), then those of every
 * consumer or every producer, then what the caller overrides (a handler's own). In Spring Boot
 * the starter builds the one instance from {@code kclient.*} over {@code spring.kafka.*}.
 *
 * <pre>{@code
 * KafkaClientFactory clients = KafkaClientFactory.builder()
 *         .bootstrapServers("broker-1:9093")
 *         .clientProperties(Map.of("security.protocol", "SSL"))
 *         .build();
 * }</pre>
 *
 * <p>Tests give mock clients in this one place ({@link Builder#consumers}, {@link Builder#producers},
 * {@link Builder#admins}). A {@code transactional.id} among the producer properties names this
 * instance: it stays off every configuration made here and is given to the transactional producers
 * (exactly-once handlers, the publisher's transactions) through {@link #transactionalId()}.
 */
public final class KafkaClientFactory {

    /**
     * What KClient sets under every producer configuration: idempotent, {@code acks=all} (an
     * acknowledged record survives a broker loss), {@code linger.ms=5} with 64 KiB batches (sends
     * are asynchronous, and bigger batches cost little latency and save most per-request overhead).
     */
    public static final Map<String, Object> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);

    private final Builder settings;
    private final Map<String, Object> common;
    private final String transactionalId;

    private KafkaClientFactory(Builder builder) {
        this.settings = builder.copy();
        Map<String, Object> common = new LinkedHashMap<>(builder.clientProperties);
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
        this.common = Collections.unmodifiableMap(common);
        Object transactionalId = builder.producerProperties.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.transactionalId = transactionalId == null ? null : transactionalId.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings and client makers, to derive a changed factory. */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** Kafka's {@code bootstrap.servers} of every client. */
    public String bootstrapServers() {
        return settings.bootstrapServers;
    }

    /** The properties of every client, {@code bootstrap.servers} included. */
    public Map<String, Object> clientProperties() {
        return common;
    }

    /** The consumer properties of every consumer, over {@link #clientProperties()}. */
    public Map<String, Object> consumerProperties() {
        return Collections.unmodifiableMap(settings.consumerProperties);
    }

    /** The configured {@code transactional.id}, naming this instance; {@code null} when none is. */
    public String transactionalId() {
        return transactionalId;
    }

    /** A consumer's configuration: {@code defaults}, the client and consumer properties, then {@code overrides}. */
    public Map<String, Object> consumerConfig(Map<String, ?> defaults, Map<String, ?> overrides) {
        return layered(defaults, settings.consumerProperties, overrides);
    }

    /**
     * A producer's configuration: {@link #PRODUCER_DEFAULTS}, {@code defaults}, the client and
     * producer properties, then {@code overrides}; never transactional unless {@code overrides} say so.
     */
    public Map<String, Object> producerConfig(Map<String, ?> defaults, Map<String, ?> overrides) {
        Map<String, Object> under = new LinkedHashMap<>(PRODUCER_DEFAULTS);
        under.putAll(defaults);
        Map<String, Object> producer = new LinkedHashMap<>(settings.producerProperties);
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return layered(under, producer, overrides);
    }

    /** An admin client's configuration: the client properties, then {@code overrides}. */
    public Map<String, Object> adminConfig(Map<String, ?> overrides) {
        return layered(Map.of(), Map.of(), overrides);
    }

    public Consumer<byte[], byte[]> createConsumer(Map<String, Object> config) {
        return settings.consumers.apply(config);
    }

    public ShareConsumer<byte[], byte[]> createShareConsumer(Map<String, Object> config) {
        return settings.shareConsumers.apply(config);
    }

    public Producer<byte[], byte[]> createProducer(Map<String, Object> config) {
        return settings.producers.apply(config);
    }

    public Admin createAdmin(Map<String, Object> config) {
        return settings.admins.apply(config);
    }

    private Map<String, Object> layered(Map<String, ?> defaults, Map<String, ?> ofKind, Map<String, ?> overrides) {
        Map<String, Object> config = new LinkedHashMap<>(defaults);
        config.putAll(common);
        config.putAll(ofKind);
        config.putAll(overrides);
        return config;
    }

    /** Collects the settings and, for tests, the client makers of a {@link KafkaClientFactory}. */
    public static final class Builder {

        private String bootstrapServers;
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private final Map<String, Object> consumerProperties = new LinkedHashMap<>();
        private final Map<String, Object> producerProperties = new LinkedHashMap<>();
        private Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers =
                config -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        private Function<Map<String, Object>, ShareConsumer<byte[], byte[]>> shareConsumers =
                config -> new KafkaShareConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        private Function<Map<String, Object>, Producer<byte[], byte[]>> producers =
                config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        private Function<Map<String, Object>, Admin> admins = Admin::create;

        private Builder() {
        }

        /** Kafka's {@code bootstrap.servers}: where every client connects. Required. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** Properties of every client (consumers, producers, admin): security, for example. */
        public Builder clientProperties(Map<String, ?> properties) {
            clientProperties.putAll(properties);
            return this;
        }

        /** Properties of every consumer, over the client properties. */
        public Builder consumerProperties(Map<String, ?> properties) {
            consumerProperties.putAll(properties);
            return this;
        }

        /** Properties of every producer, over the client properties. */
        public Builder producerProperties(Map<String, ?> properties) {
            producerProperties.putAll(properties);
            return this;
        }

        /** For tests: consumers come from here (a {@code MockConsumer}) instead of Kafka. */
        public Builder consumers(Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers) {
            this.consumers = Objects.requireNonNull(consumers, "consumers");
            return this;
        }

        /** For tests: share consumers come from here instead of Kafka. */
        public Builder shareConsumers(Function<Map<String, Object>, ShareConsumer<byte[], byte[]>> shareConsumers) {
            this.shareConsumers = Objects.requireNonNull(shareConsumers, "shareConsumers");
            return this;
        }

        /** For tests: producers come from here (a {@code MockProducer}) instead of Kafka. */
        public Builder producers(Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
            this.producers = Objects.requireNonNull(producers, "producers");
            return this;
        }

        /** For tests: admin clients come from here (a {@code MockAdminClient}) instead of Kafka. */
        public Builder admins(Function<Map<String, Object>, Admin> admins) {
            this.admins = Objects.requireNonNull(admins, "admins");
            return this;
        }

        /** Fails, saying what to set, without bootstrap servers. */
        public KafkaClientFactory build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new KClientConfigurationException("No Kafka bootstrap servers: set kclient.bootstrap-servers "
                        + "(or bootstrapServers(\"host:9092\") on the builder)");
            }
            return new KafkaClientFactory(this);
        }

        private Builder copy() {
            Builder copy = new Builder().bootstrapServers(bootstrapServers).clientProperties(clientProperties)
                    .consumerProperties(consumerProperties).producerProperties(producerProperties);
            copy.consumers = consumers;
            copy.shareConsumers = shareConsumers;
            copy.producers = producers;
            copy.admins = admins;
            return copy;
        }
    }
}
