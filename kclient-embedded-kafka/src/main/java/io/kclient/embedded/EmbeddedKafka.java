package io.kclient.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster running inside this JVM: 1 to N nodes in KRaft combined mode (each
 * node is broker and controller at once), no ZooKeeper, no Docker.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(9092).build()) {
 *     kafka.start();
 *     kafka.createTopics(3, (short) 1, "orders");
 *     // clients use kafka.bootstrapServers()
 * }
 * }</pre>
 *
 * <p>Node {@code i} listens for clients on {@code localhost:<port + i>} and advertises that address,
 * so clients in other processes on this machine (for example {@code kafka-console-consumer.sh}) can
 * connect too. Each node's controller listener uses a free port of its own.
 *
 * <p>The defaults suit tests and local development: internal topics (consumer offsets,
 * transactions, share-group state) are replicated to {@code min(nodes, 3)} nodes with a min ISR of
 * 2 on clusters of 3 or more nodes and 1 otherwise, so transactions work on one node; the first
 * consumer group rebalance is not delayed; topics are not auto-created; share groups (KIP-932) are
 * enabled, and a share group may set a record lock as short as 1 s. Any of these can be changed with {@link Builder#brokerProperty(String, String)}.
 *
 * <p>The broker logs through SLF4J under the {@code kafka}, {@code org.apache.kafka} and
 * {@code state.change.logger} loggers, at INFO by default, which is verbose. This module ships no
 * logging configuration: set those loggers to WARN in your own configuration to quiet the broker.
 *
 * <p>Instances are thread-safe; lifecycle methods are serialized.
 *
 * <p>About 480 lines, most of them the documentation of its public API: the nodes' wiring,
 * storage, listener security and topic creation are classes of their own.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** How long start-up waits for all brokers to see each other after they are up. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final int nodeCount;

    private final int port;

    private final Path dataDirectoryPath;

    private final Map<String, String> brokerProperties;

    private final ListenerSecurity security;

    private DataDirectory dataDirectory;

    private List<KafkaNode> nodes = List.of();

    private boolean closed;

    private EmbeddedKafka(Builder builder) {
        this.nodeCount = builder.nodes;
        this.port = builder.port;
        this.dataDirectoryPath = builder.dataDirectory;
        this.brokerProperties = Map.copyOf(builder.brokerProperties);
        this.security = builder.tls != null ? new TlsListener(builder.tls == TlsMode.MUTUAL)
                : builder.scram != null ? builder.scram : ListenerSecurity.PLAINTEXT;
    }

    /**
     * Returns a builder for a 1-node cluster on free ports with its data in a temporary directory.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directories that are still empty, starts every node and blocks until all
     * brokers are registered, unfenced and see each other, so clients can be used right away.
     * Calling it again on a started cluster does nothing.
     * @throws IllegalStateException if the cluster was closed, a port is in use, the data directory
     * holds something else than Kafka data, or a node fails to start; nothing is left running then
     */
    public synchronized void start() {
        requireNotClosed();
        if (!this.nodes.isEmpty()) {
            return;
        }
        long startedAt = System.nanoTime();
        this.dataDirectory = DataDirectory.open(this.dataDirectoryPath);
        try {
            List<NodeSpec> specs = layout();
            NodeStorage.formatEmpty(specs, (this.security instanceof ScramUser scram) ? scram : null);
            this.nodes = specs.stream()
                    .map((spec) -> new KafkaNode(spec, NodeProperties.forNode(spec, specs, this.brokerProperties, this.security)))
                    .toList();
            startNodes(this.nodes);
        }
        catch (RuntimeException ex) {
            stopNodes(this.nodes);
            this.nodes = List.of();
            releaseDataDirectory();
            throw ex;
        }
        logger.info("Embedded Kafka ({} node{}) started at {} in {} ms", this.nodeCount, (this.nodeCount == 1) ? "" : "s",
                bootstrapServers(), Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
    }

    /**
     * Returns the addresses of all nodes, stopped ones included, as clients expect them in
     * {@code bootstrap.servers}: {@code localhost:9092,localhost:9093,...}.
     * @return the comma-separated {@code host:port} list
     * @throws IllegalStateException if the cluster is not started
     */
    public synchronized String bootstrapServers() {
        requireStarted();
        return this.nodes.stream().map((node) -> node.spec().clientAddress()).collect(Collectors.joining(","));
    }

    /**
     * Returns what a client needs besides {@code bootstrap.servers} to connect: empty; with
     * {@link Builder#saslScram(String, String)} the SASL settings ({@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config} with the password); with {@link Builder#tls()}
     * the trust store ({@code security.protocol=SSL}, {@code ssl.truststore.*}), and with
     * {@link Builder#mutualTls()} the client's key store too ({@code ssl.keystore.*}, {@code ssl.key.password}).
     * @return Kafka client properties
     */
    public Map<String, String> clientProperties() {
        return this.security.clientProperties();
    }

    /**
     * Creates the given topics unless they exist, and waits until every running broker knows a
     * leader for each of their partitions. Existing topics are left alone, whatever their
     * partition count or replication factor.
     * @param partitions the number of partitions of each new topic
     * @param replicationFactor the number of replicas of each partition, at most the number of nodes
     * @param topics the topic names
     * @throws IllegalStateException if the cluster is not started or rejects a topic
     */
    public synchronized void createTopics(int partitions, short replicationFactor, String... topics) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replicationFactor must be at least 1, got "
                    + partitions + " and " + replicationFactor);
        }
        List<String> names = Arrays.asList(topics);
        names.forEach((topic) -> Objects.requireNonNull(topic, "topic must not be null"));
        List<String> created = TopicCreator.createMissing(bootstrapServers(), clientProperties(), partitions, replicationFactor, names);
        if (!created.isEmpty()) {
            // A producer sent right after creation would otherwise get UNKNOWN_TOPIC_OR_PARTITION
            // from a broker that has not applied the new metadata yet.
            Await.until("leaders of topics " + created, READY_TIMEOUT,
                    () -> runningNodes().stream().allMatch((node) -> node.seesLeaders(created)));
        }
    }

    /**
     * Stops node {@code index} as a clean shutdown would (its partition leaders move to other
     * nodes first), keeping its data directory and port for {@link #startNode(int)}. Stopping a
     * stopped node does nothing. Stopping a majority of the nodes leaves the cluster without a
     * controller quorum: it then serves no writes until enough nodes are started again.
     * @param index the node, from 0 to nodes - 1
     * @throws IllegalStateException if the cluster is not started
     */
    public synchronized void stopNode(int index) {
        KafkaNode node = node(index);
        if (node.isRunning()) {
            node.stopController();
        }
    }

    /**
     * Starts node {@code index} again on the same port and data directory, and blocks until all
     * running brokers see each other. Starting a running node does nothing.
     * @param index the node, from 0 to nodes - 1
     * @throws IllegalStateException if the cluster is not started, the port is now taken by
     * another process, or the node fails to start
     */
    public synchronized void startNode(int index) {
        KafkaNode node = node(index);
        if (!node.isRunning()) {
            startNodes(List.of(node));
        }
    }

    /**
     * Stops all nodes, releases their ports and deletes the data if it is in a temporary
     * directory; a data directory given to the builder is kept. Calling it again does nothing.
     * <p>With several nodes this takes about 5 s longer than with one: the last controller
     * leader waits that long (a fixed Kafka timeout) for a successor that cannot come, then
     * logs an ERROR "Graceful shutdown of RaftClient failed", which is expected here.
     * @throws IllegalStateException if a node or the temporary directory could not be cleaned
     * up; everything else is still cleaned up first
     */
    @Override
    public synchronized void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        RuntimeException failure = null;
        try {
            stopNodes(this.nodes);
        }
        catch (RuntimeException ex) {
            failure = ex;
        }
        try {
            releaseDataDirectory();
            if (this.security instanceof TlsListener tls) {
                tls.close();
            }
        }
        catch (RuntimeException ex) {
            if (failure == null) {
                failure = ex;
            }
            else {
                failure.addSuppressed(ex);
            }
        }
        this.nodes = List.of();
        if (failure != null) {
            throw new IllegalStateException("Embedded Kafka did not close cleanly: " + failure.getMessage(), failure);
        }
    }

    private List<NodeSpec> layout() {
        List<Integer> clientPorts;
        if (this.port == 0) {
            clientPorts = Ports.pickFree(this.nodeCount, Set.of());
        }
        else {
            clientPorts = IntStream.range(this.port, this.port + this.nodeCount).boxed().toList();
        }
        List<Integer> controllerPorts = Ports.pickFree(this.nodeCount, new HashSet<>(clientPorts));
        List<NodeSpec> specs = new ArrayList<>();
        for (int id = 0; id < this.nodeCount; id++) {
            specs.add(new NodeSpec(id, clientPorts.get(id), controllerPorts.get(id), this.dataDirectory.node(id)));
        }
        return specs;
    }

    // All controllers first (they do not wait for each other), then the brokers together: each
    // broker blocks until a controller quorum exists and has unfenced it.
    private void startNodes(List<KafkaNode> toStart) {
        try {
            toStart.forEach(KafkaNode::startController);
            Parallel.forEach("start", toStart, KafkaNode::startBroker);
        }
        catch (RuntimeException ex) {
            stopNodes(toStart);
            throw ex;
        }
        List<KafkaNode> running = runningNodes();
        List<Integer> runningIds = running.stream().map((node) -> node.spec().id()).toList();
        Await.until("brokers " + runningIds + " to see each other", READY_TIMEOUT,
                () -> running.stream().allMatch((node) -> node.seesAlive(runningIds)));
    }

    // All brokers first, while the controller quorum is complete and can approve each controlled
    // shutdown; then the controllers.
    private static void stopNodes(List<KafkaNode> toStop) {
        List<KafkaNode> running = toStop.stream().filter(KafkaNode::isRunning).toList();
        if (running.isEmpty()) {
            return;
        }
        RuntimeException failure = null;
        try {
            Parallel.forEach("stop-broker", running, KafkaNode::stopBroker);
        }
        catch (RuntimeException ex) {
            failure = ex;
        }
        try {
            Parallel.forEach("stop-controller", running, KafkaNode::stopController);
        }
        catch (RuntimeException ex) {
            if (failure == null) {
                failure = ex;
            }
            else {
                failure.addSuppressed(ex);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private List<KafkaNode> runningNodes() {
        return this.nodes.stream().filter(KafkaNode::isRunning).toList();
    }

    private KafkaNode node(int index) {
        requireStarted();
        if (index < 0 || index >= this.nodes.size()) {
            throw new IllegalArgumentException("No Kafka node " + index + "; nodes are 0 to " + (this.nodes.size() - 1));
        }
        return this.nodes.get(index);
    }

    private void releaseDataDirectory() {
        if (this.dataDirectory != null) {
            DataDirectory directory = this.dataDirectory;
            this.dataDirectory = null;
            directory.release();
        }
    }

    private void requireNotClosed() {
        if (this.closed) {
            throw new IllegalStateException("Embedded Kafka is closed; build a new instance");
        }
    }

    private void requireStarted() {
        requireNotClosed();
        if (this.nodes.isEmpty()) {
            throw new IllegalStateException("Embedded Kafka is not started; call start() first");
        }
    }

    /**
     * Configures an {@link EmbeddedKafka}. Not thread-safe.
     */
    public static final class Builder {

        private int nodes = 1;

        private int port;

        private Path dataDirectory;

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private ScramUser scram;

        private TlsMode tls;

        private Builder() {
        }

        /**
         * Makes the client listener require SASL authentication with SCRAM-SHA-256, for this one
         * user (the brokers use it among themselves too), so tests can run against a secured
         * cluster. The credential is written into the cluster metadata when a node directory is
         * formatted, so a {@link #dataDirectory(Path)} formatted without it will not do; clients
         * get the settings they need from {@link EmbeddedKafka#clientProperties()}. The controller
         * listener stays unauthenticated on the loopback interface.
         * @param user the user name
         * @param password the password; neither may hold a quote or a backslash
         * @return this builder
         */
        public Builder saslScram(String user, String password) {
            this.scram = new ScramUser(Objects.requireNonNull(user, "user must not be null"),
                    Objects.requireNonNull(password, "password must not be null"));
            return this;
        }

        /**
         * Makes the client listener speak TLS ({@code SSL}), with certificates made when the cluster
         * is built: an authority of its own, and the brokers' certificate, signed by it, for
         * {@code localhost} and {@code 127.0.0.1} (so clients verify the host name, as by default).
         * Clients get the trust store from {@link EmbeddedKafka#clientProperties()}; the brokers use
         * the listener among themselves too. The stores are deleted at {@link EmbeddedKafka#close()}.
         * @return this builder
         */
        public Builder tls() {
            this.tls = TlsMode.SERVER;
            return this;
        }

        /**
         * As {@link #tls()}, and the brokers require a client certificate signed by the cluster's
         * authority (mutual TLS): {@link EmbeddedKafka#clientProperties()} then holds one too.
         * @return this builder
         */
        public Builder mutualTls() {
            this.tls = TlsMode.MUTUAL;
            return this;
        }

        /**
         * Sets the number of nodes, each a combined broker and controller. Use 3 to test
         * replication and losing a node; default 1.
         * @param nodes at least 1
         * @return this builder
         */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /**
         * Sets the client port of node 0; node {@code i} uses {@code port + i}. With 0 (the
         * default), free ports are picked when the cluster starts and kept until it is closed, so
         * a restarted node comes back on the same port.
         * @param port 0, or the first of {@code nodes} consecutive ports
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (pick free ports) or 1 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets where the nodes keep their data ({@code node-0}, {@code node-1}, ... inside it). A
         * node directory is formatted only while empty, so a new instance on the same directory,
         * in this JVM or a later one, finds the topics and records of the previous one; use the
         * same number of nodes each time. The directory is never deleted. With {@code null} (the
         * default), the data goes to a temporary directory that {@link #close()} deletes.
         * @param dataDirectory the directory, created if missing, or {@code null}
         * @return this builder
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * Sets a broker configuration property on every node, overriding this class's default
         * (for example {@code num.partitions}, {@code min.insync.replicas} or
         * {@code auto.create.topics.enable}). Keys that wire nodes into the cluster (node id,
         * roles, listeners, quorum voters, log directories) are set by this class and rejected.
         * @param key a Kafka broker configuration key
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String key, String value) {
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(value, "value must not be null");
            if (NodeProperties.MANAGED_KEYS.contains(key)) {
                throw new IllegalArgumentException("Broker property '" + key + "' is set by EmbeddedKafka; "
                        + "use port(...), nodes(...) or dataDirectory(...) instead");
            }
            this.brokerProperties.put(key, value);
            return this;
        }

        /**
         * Builds the cluster; nothing runs until {@link EmbeddedKafka#start()}.
         * @return a new, unstarted instance
         * @throws IllegalArgumentException if the port range does not fit the number of nodes
         * @throws IllegalStateException if both SASL/SCRAM and TLS were asked for
         */
        public EmbeddedKafka build() {
            if (this.tls != null && this.scram != null) {
                throw new IllegalStateException("The embedded cluster's client listener takes either SASL/SCRAM or TLS, "
                        + "not both: choose saslScram(...) or tls()/mutualTls()");
            }
            if (this.port != 0 && this.port + this.nodes - 1 > 65535) {
                throw new IllegalArgumentException("Ports " + this.port + " to " + (this.port + this.nodes - 1)
                        + " do not fit below 65536");
            }
            return new EmbeddedKafka(this);
        }
    }

    /** Whether the brokers require a client certificate besides presenting theirs. */
    private enum TlsMode {
        SERVER, MUTUAL
    }
}
