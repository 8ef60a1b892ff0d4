package io.kclient.bench.kafka;

import io.kclient.embedded.EmbeddedKafka;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster the whole run uses: one given by {@code --bootstrap-servers}, or else a one-node
 * {@link EmbeddedKafka} in this JVM, started once and closed at the end.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final EmbeddedKafka embedded;
    private final String bootstrapServers;
    private final Admin admin;

    private Cluster(EmbeddedKafka embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Connects to {@code bootstrapServers}, or starts an in-process broker when it is {@code null}. */
    public static Cluster open(String bootstrapServers) {
        if (bootstrapServers != null) {
            return new Cluster(null, bootstrapServers);
        }
        // Kafka's own session timeout: the embedded default (3 s, for quick restarts in tests) can
        // fence the only broker during a GC pause or a loaded machine, stalling every contender
        EmbeddedKafka kafka = EmbeddedKafka.builder().brokerProperty("broker.session.timeout.ms", "9000").build();
        kafka.start();
        log.info("Started an in-process Kafka broker at {}", kafka.bootstrapServers());
        return new Cluster(kafka, kafka.bootstrapServers());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Creates the topics (replication 1: the embedded broker has one node) and waits for their leaders. */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> creations = java.util.Arrays.stream(topics)
                .map(topic -> new NewTopic(topic, Optional.of(partitions), Optional.empty())).toList();
        try {
            admin.createTopics(creations).all().get(30, TimeUnit.SECONDS);
            awaitLeaders(Set.of(topics));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topics " + List.of(topics) + ": " + e.getCause().getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics " + List.of(topics), e);
        }
    }

    // a producer writing before the leader is known would stall on its first batch
    private void awaitLeaders(Set<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
                boolean ready = descriptions.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                } // the broker that answered has not seen the creation yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("No leader for every partition of " + topics + " after 30 s");
    }

    /** Deletes topics of the run, so a long-lived cluster does not keep gigabytes of benchmark data. */
    public void deleteTopics(List<String> topics) {
        try {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Could not delete topics {}: {}", topics, e.toString());
        }
    }

    @Override
    public void close() {
        admin.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
