package io.kclient.embedded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the broker configuration of one node: test-friendly defaults, then the user's overrides,
 * then the keys that wire the node into the cluster.
 */
final class NodeProperties {

    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * Keys that place a node in the cluster (identity, listeners, quorum, storage). Overriding them
     * would break start-up or restarts, so {@link EmbeddedKafka.Builder#brokerProperty} rejects them.
     */
    static final Set<String> MANAGED_KEYS = Set.of("node.id", "broker.id", "process.roles",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers", "controller.listener.names",
            "listeners", "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name",
            "log.dir", "log.dirs", "metadata.log.dir");

    private NodeProperties() {
    }

    /**
     * Returns the defaults for a cluster of {@code nodeCount} nodes, before user overrides.
     */
    static Map<String, String> defaults(int nodeCount) {
        // Internal topics (offsets, transactions, share-group state) need as many replicas as the
        // cluster can give, up to the usual 3; with 3 replicas, min ISR 2 keeps them writable with
        // one node down, as in production. A 1-node cluster needs 1/1 or transactions never work.
        String replicas = Integer.toString(Math.min(nodeCount, 3));
        String minIsr = (nodeCount >= 3) ? "2" : "1";
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("offsets.topic.replication.factor", replicas);
        defaults.put("transaction.state.log.replication.factor", replicas);
        defaults.put("transaction.state.log.min.isr", minIsr);
        defaults.put("share.coordinator.state.topic.replication.factor", replicas);
        defaults.put("share.coordinator.state.topic.min.isr", minIsr);
        defaults.put("default.replication.factor", replicas);
        // Internal topics are created on first use; 50 partitions each (the default) makes the
        // first group join or transaction slow on a laptop or CI runner.
        defaults.put("offsets.topic.num.partitions", "5");
        defaults.put("transaction.state.log.num.partitions", "5");
        defaults.put("share.coordinator.state.topic.num.partitions", "5");
        // Tests and the sample app want the first consumer to get partitions at once.
        defaults.put("group.initial.rebalance.delay.ms", "0");
        // A typo in a topic name should fail, not silently create a topic.
        defaults.put("auto.create.topics.enable", "false");
        // The log cleaner allocates its dedupe buffer (128 MiB by default) up front, per node.
        defaults.put("log.cleaner.dedupe.buffer.size", "2097152");
        // Faster registration/unfencing at start and faster controlled shutdown at stop.
        defaults.put("broker.heartbeat.interval.ms", "500");
        // The controller refuses a restarted broker until the session of its previous run expires
        // (DuplicateBrokerRegistrationException, retried): 9 s by default, for every startNode().
        defaults.put("broker.session.timeout.ms", "3000");
        // A share group may set a lock as short as 1 s (share.record.lock.duration.ms), so tests of
        // slow records and lock renewal need not wait the 15 s a production broker's minimum is.
        defaults.put("group.share.min.record.lock.duration.ms", "1000");
        // start() fails instead of hanging forever when a node cannot join the cluster.
        defaults.put("server.max.startup.time.ms", "60000");
        return defaults;
    }

    /**
     * Returns the complete configuration of {@code node} in a cluster made of {@code cluster}, whose
     * client listener, which brokers also use among themselves, is secured by {@code security}. The
     * controller listener stays on the loopback, unauthenticated.
     */
    static Map<String, Object> forNode(NodeSpec node, List<NodeSpec> cluster, Map<String, String> overrides,
            ListenerSecurity security) {
        Map<String, Object> props = new LinkedHashMap<>(defaults(cluster.size()));
        props.putAll(overrides);
        String client = security.protocol();
        props.putAll(security.brokerProperties());
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.id()));
        // Static voters (kraft.version 0): the voter set comes from this config on every start, so
        // controller ports may differ between JVM runs on the same data directory.
        props.put("controller.quorum.voters", cluster.stream()
                .map((n) -> n.id() + "@" + Ports.HOST + ":" + n.controllerPort())
                .collect(Collectors.joining(",")));
        props.put("listeners", client + "://" + node.clientAddress() + ","
                + CONTROLLER_LISTENER + "://" + Ports.HOST + ":" + node.controllerPort());
        props.put("advertised.listeners", client + "://" + node.clientAddress());
        props.put("listener.security.protocol.map", client + ":" + client + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", client);
        props.put("log.dirs", node.directory().toString());
        props.put("metadata.log.dir", node.directory().toString());
        return props;
    }
}
