package io.kclient.producer;

import io.kclient.clients.KafkaClientFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One producer per distinct configuration, shared by every handler that publishes with it: a
 * Kafka producer is thread-safe and batches best when many senders share it. Configurations come
 * from the {@link KafkaClientFactory}, under {@link KafkaClientFactory#PRODUCER_DEFAULTS}.
 */
public final class SharedProducers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedProducers.class);

    private final KafkaClientFactory clients;
    private final Map<Map<String, Object>, Producer<byte[], byte[]>> producers = new HashMap<>();

    public SharedProducers(KafkaClientFactory clients) {
        this.clients = clients;
    }

    /** The producer of every client's configuration with these overrides (none: the common one). */
    public synchronized Producer<byte[], byte[]> get(Map<String, Object> overrides) {
        return producers.computeIfAbsent(Map.copyOf(clients.producerConfig(Map.of(), overrides)), clients::createProducer);
    }

    /**
     * A producer of its own with these overrides, never shared: a transactional producer belongs
     * to one user at a time. Closing it is the caller's job.
     */
    public Producer<byte[], byte[]> createUnshared(Map<String, Object> overrides) {
        return clients.createProducer(clients.producerConfig(Map.of(), overrides));
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
