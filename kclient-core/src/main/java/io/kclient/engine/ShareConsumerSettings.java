package io.kclient.engine;

import io.kclient.KClientConfigurationException;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings of a share-group handler's consumer: the engine-wide client and consumer
 * properties a share consumer takes, the handler's own (refused where a share consumer has no such setting), then
 * explicit acknowledgement, which lets KClient accept, release or reject each record.
 */
final class ShareConsumerSettings {

    /** Share consumer settings KClient needs to keep its promises. */
    private static final Set<String> ENGINE_OWNED = Set.of(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    /** Consumer settings a share consumer refuses (KafkaShareConsumer fails on each of them). */
    private static final Set<String> NOT_FOR_SHARE_GROUPS = Set.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    private ShareConsumerSettings() {
    }

    /**
     * @param clients the settings of every client and consumer; those a share consumer refuses are left out
     * @param endpoint the handler, whose own consumer properties must all apply
     * @param settings the handler's resolved settings
     */
    static Map<String, Object> of(KafkaClientFactory clients, HandlerEndpoint endpoint, HandlerSettings settings) {
        for (String key : settings.consumerProperties().keySet()) {
            if (NOT_FOR_SHARE_GROUPS.contains(key)) {
                throw new KClientConfigurationException("Consumer property '" + key + "' of " + endpoint.describe()
                        + " has no meaning in a share group (where it starts reading and whether it reads aborted records "
                        + "are group configuration, which KClient sets to earliest and read_committed): remove it");
            }
        }
        Map<String, Object> config = clients.consumerConfig(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Math.min(500, settings.maxInFlight())), Map.of());
        config.keySet().removeAll(NOT_FOR_SHARE_GROUPS);
        EngineAssembly.nameAfterHandler(config, endpoint);
        config.putAll(settings.consumerProperties());
        EngineAssembly.refuseEngineOwned(config, ENGINE_OWNED, endpoint, "records are acknowledged one by one once handled");
        config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        // fetch no more than max-in-flight: the default takes whole producer batches, which locks
        // records away from idle members and may hold them past the broker's acquisition lock
        config.putIfAbsent(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        return config;
    }
}
