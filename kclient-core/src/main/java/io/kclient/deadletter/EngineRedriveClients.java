package io.kclient.deadletter;

import io.kclient.clients.KafkaClientFactory;
import io.kclient.producer.SharedProducers;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The redrive's clients, from the engine's one client factory, so they connect as the handlers do
 * (servers, security, the user's consumer and producer properties): a reader of committed dead
 * letters in the redrive's group, and a transactional producer of its own.
 */
public final class EngineRedriveClients implements RedriveClients {

    private final KafkaClientFactory clients;
    private final SharedProducers producers;

    /**
     * @param clients makes every client of the engine
     * @param producers makes the transactional producer, over the engine's producer settings
     */
    public EngineRedriveClients(KafkaClientFactory clients, SharedProducers producers) {
        this.clients = clients;
        this.producers = producers;
    }

    @Override
    public Consumer<byte[], byte[]> reader(String groupId) {
        return clients.createConsumer(clients.consumerConfig(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, "kclient-redrive-" + groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")));
    }

    @Override
    public Producer<byte[], byte[]> transactionalProducer(String transactionalId) {
        return producers.createUnshared(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
    }
}
