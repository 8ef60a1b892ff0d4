package io.kclient.producer;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One producer per distinct configuration, shared by every handler that publishes with it: a
 * Kafka producer is thread-safe and batches best when many senders share it.
 *
 * <p>Defaults: idempotent, {@code acks=all} (an acknowledged record survives a broker loss), and
 * {@code linger.ms=5} with 64 KiB batches, since output is sent asynchronously and bigger batches
 * cost little latency and save most of the per-request overhead.
 */
public final class SharedProducers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedProducers.class);

    /** The defaults KClient applies under every producer configuration. */
    public static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);

    private final Map<String, Object> base;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> factory;
    private final Map<Map<String, Object>, Producer<byte[], byte[]>> producers = new HashMap<>();

    /** @param base properties of every producer (bootstrap servers, security, the user's settings) */
    public SharedProducers(Map<String, Object> base) {
        this(base, config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** For tests: producers come from {@code factory} (a {@code MockProducer}). */
    public SharedProducers(Map<String, Object> base, Function<Map<String, Object>, Producer<byte[], byte[]>> factory) {
        Map<String, Object> merged = new LinkedHashMap<>(DEFAULTS);
        merged.putAll(base);
        this.base = Map.copyOf(merged);
        this.factory = factory;
    }

    /** The producer for the base configuration with these overrides (none: the common one). */
    public synchronized Producer<byte[], byte[]> get(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(base);
        config.putAll(overrides);
        return producers.computeIfAbsent(Map.copyOf(config), factory);
    }

    /**
     * A producer of its own for the base configuration with these overrides, never shared: a
     * transactional producer belongs to one container. Closing it is the caller's job.
     */
    public Producer<byte[], byte[]> createUnshared(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(base);
        config.putAll(overrides);
        return factory.apply(config);
    }

    /** Flushes and closes every producer, waiting at most {@code timeout} for each. */
    public synchronized void close(Duration timeout) {
        for (Producer<byte[], byte[]> producer : producers.values()) {
            try {
                producer.flush();
                producer.close(timeout);
            } catch (RuntimeException e) {
                log.warn("Closing a producer failed", e);
            }
        }
        producers.clear();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
