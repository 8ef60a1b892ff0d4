package io.kclient.bench.contender;

import io.kclient.clients.KafkaClientFactory;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of the contenders written here (hand-written loop, Parallel Consumer):
 * KClient's own defaults (idempotent, {@code acks=all}, {@code linger.ms=5}, 64 KiB batches), so
 * a difference in throughput is the engine's, not a durability or batching trade-off.
 */
final class ProducerDefaults {

    private ProducerDefaults() {
    }

    static Map<String, Object> config(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(KafkaClientFactory.PRODUCER_DEFAULTS);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
