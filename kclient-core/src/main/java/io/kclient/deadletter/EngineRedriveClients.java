package io.kclient.deadletter;

import io.kclient.producer.SharedProducers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The redrive's clients, made as the engine makes its handlers' clients: the same servers and
 * security, a reader of committed dead letters in the redrive's group, and a transactional producer
 * of its own over the engine's producer settings.
 */
public final class EngineRedriveClients implements RedriveClients {

    private final Map<String, Object> common;
    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers;
    private final SharedProducers producers;

    /**
     * @param common properties of every client: bootstrap servers, security
     * @param consumers makes a consumer of a configuration
     * @param producers makes the transactional producer, over the engine's producer settings
     */
    public EngineRedriveClients(Map<String, Object> common, Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers,
            SharedProducers producers) {
        this.common = Map.copyOf(common);
        this.consumers = consumers;
        this.producers = producers;
    }

    @Override
    public Consumer<byte[], byte[]> reader(String groupId) {
        Map<String, Object> config = new LinkedHashMap<>(common);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kclient-redrive-" + groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return consumers.apply(config);
    }

    @Override
    public Producer<byte[], byte[]> transactionalProducer(String transactionalId) {
        return producers.createUnshared(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
    }
}
