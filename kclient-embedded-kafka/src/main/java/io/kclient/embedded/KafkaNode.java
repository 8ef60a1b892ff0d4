package io.kclient.embedded;

import java.net.BindException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.MetadataCache;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One combined broker+controller node, wired like {@code kafka.server.KafkaRaftServer} (the class
 * behind {@code kafka-server-start.sh}) but with the broker and the controller started and stopped
 * separately: a cluster must start all controllers before any broker can register, and must stop
 * all brokers while the controller quorum is still there to approve their controlled shutdown.
 *
 * <p>Not thread-safe; {@link EmbeddedKafka} serializes calls.
 */
final class KafkaNode {

    private static final Logger logger = LoggerFactory.getLogger(KafkaNode.class);

    /**
     * How long a stopping broker waits for the controller to move its partition leaders away.
     * Takes milliseconds while a quorum is up; without a quorum it cannot succeed, and Kafka's own
     * 5 minutes would only stall the caller.
     */
    private static final Duration CONTROLLED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final NodeSpec spec;

    private final Map<String, Object> config;

    private Metrics metrics;

    private ControllerServer controller;

    private BrokerServer broker;

    KafkaNode(NodeSpec spec, Map<String, Object> config) {
        this.spec = spec;
        this.config = config;
    }

    NodeSpec spec() {
        return this.spec;
    }

    /** Whether the node has been started and not stopped since. */
    boolean isRunning() {
        return this.controller != null;
    }

    /**
     * Creates the node's servers and starts its controller. Returns without waiting for a quorum.
     *
     * @throws IllegalStateException if a port is taken or the node cannot start
     */
    void startController() {
        requireFree(this.spec.clientPort(), "port " + this.spec.clientPort() + " is already in use; "
                + "set a different port with EmbeddedKafka.builder().port(...), or port(0) to pick free ports");
        requireFree(this.spec.controllerPort(), "controller port " + this.spec.controllerPort()
                + " (picked as free when the cluster started) is now in use by another process");
        try {
            KafkaConfig kafkaConfig = new KafkaConfig(this.config, false);
            Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> logDirs = KafkaRaftServer.initializeLogDirs(
                    kafkaConfig, logger, "[EmbeddedKafka node " + this.spec.id() + "] ");
            this.metrics = Server.initializeMetrics(kafkaConfig, Time.SYSTEM, logDirs._1().clusterId().get());
            SharedServer shared = new SharedServer(kafkaConfig, logDirs._1(), Time.SYSTEM, this.metrics,
                    CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(kafkaConfig.quorumConfig().voters())),
                    QuorumConfig.parseBootstrapServers(kafkaConfig.quorumConfig().bootstrapServers()),
                    new NonHaltingFaultHandlerFactory(this.spec.id()), ServerSocketFactory.INSTANCE);
            this.controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), logDirs._2());
            this.broker = new BrokerServer(shared);
            this.controller.startup();
        }
        catch (RuntimeException ex) {
            stopQuietly();
            throw startFailure(ex);
        }
    }

    /**
     * Starts the broker; blocks until the controller quorum has unfenced it.
     *
     * @throws IllegalStateException if the broker cannot start
     */
    void startBroker() {
        try {
            this.broker.startup();
        }
        catch (RuntimeException ex) {
            stopQuietly();
            throw startFailure(ex);
        }
    }

    /**
     * Stops the broker after a controlled shutdown, so its partition leaders move to other nodes.
     * The controller keeps running; call {@link #stopController()} next.
     */
    void stopBroker() {
        if (this.broker != null) {
            this.broker.shutdown(CONTROLLED_SHUTDOWN_TIMEOUT);
            this.broker.awaitShutdown();
            this.broker = null;
        }
    }

    /** Stops the controller (and the broker if still running) and releases the ports. */
    void stopController() {
        stopBroker();
        if (this.controller != null) {
            this.controller.shutdown();
            this.controller = null;
        }
        if (this.metrics != null) {
            // Kafka's own server never closes these; a node restarted in the same JVM would
            // otherwise leave the previous run's reporters (and JMX beans) behind.
            this.metrics.close();
            this.metrics = null;
        }
    }

    /**
     * Whether this node's broker sees every node in {@code nodeIds} as alive (registered and unfenced).
     */
    boolean seesAlive(Collection<Integer> nodeIds) {
        MetadataCache cache = (this.broker != null) ? this.broker.metadataCache() : null;
        return cache != null && nodeIds.stream().allMatch(cache::hasAliveBroker);
    }

    /**
     * Whether this node's broker knows every topic in {@code topics} with a leader for each
     * partition, and leads those it is named leader of: the metadata names a leader a moment before
     * its broker has the partition online, and a producer writing then is refused
     * (NOT_LEADER_OR_FOLLOWER), which an idempotent one can answer by reordering its batches.
     */
    boolean seesLeaders(List<String> topics) {
        MetadataCache cache = (this.broker != null) ? this.broker.metadataCache() : null;
        if (cache == null) {
            return false;
        }
        int self = this.spec.id();
        return topics.stream().allMatch((topic) -> cache.numPartitions(topic)
                .map((count) -> IntStream.range(0, count)
                        .allMatch((p) -> cache.getLeaderAndIsr(topic, p)
                                .map((l) -> l.leader() >= 0 && (l.leader() != self || leads(new TopicPartition(topic, p))))
                                .orElse(false)))
                .orElse(false));
    }

    /** Whether the partition this node is named leader of is online on it: it made itself leader when it did. */
    private boolean leads(TopicPartition partition) {
        return this.broker.replicaManager().getPartitionOrError(partition).isRight();
    }

    private void stopQuietly() {
        try {
            stopController();
        }
        catch (RuntimeException ex) {
            logger.debug("Could not stop Kafka node {} after a failed start", this.spec.id(), ex);
        }
        this.broker = null;
        this.controller = null;
    }

    private static void requireFree(int port, String problem) {
        if (!Ports.isFree(port)) {
            throw new IllegalStateException("Kafka " + problem);
        }
    }

    private RuntimeException startFailure(RuntimeException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return new IllegalStateException("Kafka node " + this.spec.id() + " could not bind port "
                        + this.spec.clientPort() + " or " + this.spec.controllerPort() + ": " + cause.getMessage()
                        + "; set a different port with EmbeddedKafka.builder().port(...), or port(0) to pick free ports", ex);
            }
        }
        if (ex instanceof IllegalStateException) {
            return ex;
        }
        return new IllegalStateException("Kafka node " + this.spec.id() + " failed to start: " + ex.getMessage(), ex);
    }
}
