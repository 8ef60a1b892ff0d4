package io.kclient.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics that do not exist yet, through the Admin API like any client would.
 */
final class TopicCreator {

    private static final long TIMEOUT_SECONDS = 30;

    private TopicCreator() {
    }

    /**
     * Creates those of {@code topics} that do not exist; existing topics are left as they are.
     * {@code clientProperties} are the cluster's security settings, if any.
     *
     * @return the topics this call created
     * @throws IllegalStateException if the cluster rejects a topic or does not answer in time
     */
    static List<String> createMissing(String bootstrapServers, Map<String, String> clientProperties, int partitions,
            short replicationFactor, List<String> topics) {
        Map<String, Object> config = new java.util.HashMap<>(clientProperties);
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-topic-creator",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = get(admin.listTopics().names(), "listing topics");
            List<NewTopic> missing = topics.stream()
                    .distinct()
                    .filter((topic) -> !existing.contains(topic))
                    .map((topic) -> new NewTopic(topic, partitions, replicationFactor))
                    .toList();
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
                    try {
                        get(result.getValue(), "creating topic " + result.getKey());
                        created.add(result.getKey());
                    }
                    catch (IllegalStateException ex) {
                        // created by someone else since the listing: that is what "idempotent" asks for
                        if (!(ex.getCause() instanceof TopicExistsException)) {
                            throw ex;
                        }
                    }
                }
            }
            return created;
        }
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Kafka failed " + what + ": " + ex.getCause().getMessage(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("Kafka did not finish " + what + " within " + TIMEOUT_SECONDS + " s", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, ex);
        }
    }
}
