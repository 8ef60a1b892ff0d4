package io.kclient.admin;

import io.kclient.KClientConfigurationException;
import io.kclient.config.HandlerEndpoint;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import io.kclient.clients.ClusterFailures;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.config.SecretProperties;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topics handlers need exist before they start: creates the missing ones, or
 * fails the start naming them; and sets share groups up to read as consumer groups do. Talking to the cluster once at start also turns an unreachable
 * broker into one clear error instead of consumers retrying in silence.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaClientFactory clients;
    private final Map<String, Object> adminProperties;
    private final TopicSettings settings;
    private final Duration timeout;

    /** @param clients makes the admin client, with every client's settings */
    public TopicProvisioner(KafkaClientFactory clients, TopicSettings settings, Duration timeout) {
        this.clients = clients;
        this.adminProperties = clients.adminConfig(Map.of());
        this.settings = settings;
        this.timeout = timeout;
    }

    /** Ensures {@code topics} exist. */
    public void provision(Collection<String> topics) {
        provision(topics, Map.of());
    }

    /**
     * Ensures {@code topics} exist, and that {@code shareGroups} (group id to the handler in it) are
     * free for share groups and read from the earliest record and committed records only (unless
     * an operator configured the group otherwise).
     */
    public void provision(Collection<String> topics, Map<String, HandlerEndpoint> shareGroups) {
        if (topics.isEmpty()) {
            return;
        }
        log.info("Connecting to the Kafka cluster with {}", SecretProperties.masked(adminProperties));
        Admin admin = clients.createAdmin(adminProperties);
        try {
            Set<String> missing = new HashSet<>(topics);
            missing.removeAll(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            new ShareGroupConfigurer(timeout.toMillis()).configure(admin, shareGroups);
            if (missing.isEmpty()) {
                return;
            }
            if (!settings.createMissing()) {
                throw new KClientConfigurationException("Topics " + new java.util.TreeSet<>(missing) + " do not exist and "
                        + "kclient.topics.create-missing is false: create them, or set kclient.topics.create-missing=true");
            }
            Optional<Short> replication = settings.replicationFactor() == -1 ? Optional.empty() : Optional.of(settings.replicationFactor());
            List<NewTopic> creations = missing.stream()
                    .map(topic -> new NewTopic(topic, Optional.of(settings.partitions()), replication)).toList();
            createTolerantly(admin, creations);
            awaitLeaders(admin, missing);
            log.info("Created topics {} ({} partitions)", new java.util.TreeSet<>(missing), settings.partitions());
        } catch (TimeoutException e) {
            throw new KClientConfigurationException("No Kafka broker answered within " + timeout + " at "
                    + clients.bootstrapServers() + ": check kclient.bootstrap-servers and that the broker runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw ClusterFailures.authenticationFailed(refused, clients.bootstrapServers());
            }
            throw new KClientConfigurationException("Could not check or create topics " + topics + " at "
                    + clients.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KClientConfigurationException("Interrupted while checking topics " + topics, e);
        } finally {
            admin.close(Duration.ofSeconds(5)); // do not wait out requests to a broker that never answered
        }
    }

    /**
     * Waits until every partition of the new topics has a leader that answers for it: a producer
     * writing to a topic whose leader is not ready yet can have its first batch refused and retried
     * behind later ones, which an idempotent producer then rejects as out of order for its whole
     * delivery timeout. A broker can be named leader (in the metadata) a moment before it serves
     * the partition, so the wait ends only once the leaders answer a request only a leader answers.
     */
    private void awaitLeaders(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, OffsetSpec> partitions = partitionsWithLeaders(admin, topics);
            if (partitions != null && leadersAnswer(admin, partitions)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no leader for every partition of " + topics);
            }
            Thread.sleep(50);
        }
    }

    /** Every partition of the topics, if each has a leader; {@code null} if one has none yet. */
    private Map<TopicPartition, OffsetSpec> partitionsWithLeaders(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        try {
            for (TopicDescription description : admin.describeTopics(topics).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()) {
                for (TopicPartitionInfo partition : description.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        return null;
                    }
                    partitions.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
                }
            }
            return partitions;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null; // the broker asked has not learnt of the new topic yet
            }
            throw e;
        }
    }

    /** Whether the leaders answer for their partitions: a partition's end offset comes only from its leader. */
    private boolean leadersAnswer(Admin admin, Map<TopicPartition, OffsetSpec> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false; // not the leader yet, or the leader not ready
            }
            throw e;
        }
    }

    /** Another instance starting at the same time may create a topic first; that is fine. */
    private void createTolerantly(Admin admin, List<NewTopic> creations)
            throws InterruptedException, ExecutionException, TimeoutException {
        var result = admin.createTopics(creations);
        for (var future : result.values().values()) {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
