package io.kclient.bench.kafka;

import io.kclient.bench.model.Kennel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the N input dogs once per scenario, before any contender runs, so every contender reads
 * exactly the same records and none pays for producing them.
 */
public final class Preloader {

    private final String bootstrapServers;
    private final ObjectMapper json = JsonMapper.builder().build();

    public Preloader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Sends dogs 0 to {@code records - 1} to {@code topic}, keyed per {@code kennel}, in id order:
     * with one producer and idempotence on, each key's dogs land in sequence order.
     */
    public void preload(String topic, long records, Kennel kennel) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);          // big batches: loading is not what is measured
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        // one request at a time: when a fresh partition's first batch is refused (its leader not
        // ready yet) and a later one is not, the broker refuses the retried first one for good
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long id = 0; id < records && failure.get() == null; id++) {
                byte[] value = json.writeValueAsBytes(kennel.dog(id));
                producer.send(new ProducerRecord<>(topic, kennel.keyOf(id), value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Preloading " + topic + " failed", failure.get());
        }
    }
}
