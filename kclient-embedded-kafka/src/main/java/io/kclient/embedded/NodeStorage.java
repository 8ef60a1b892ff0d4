package io.kclient.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.common.ShareVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats node data directories the way {@code kafka-storage.sh format} does, but only those that
 * are still empty: a directory that already holds Kafka data keeps its cluster id, node id and logs.
 */
final class NodeStorage {

    private static final Logger logger = LoggerFactory.getLogger(NodeStorage.class);

    private NodeStorage() {
    }

    /**
     * Formats every empty node directory of the cluster, reusing the cluster id of the directories
     * that are already formatted (a fresh one when none is).
     *
     * @throws IllegalStateException if a directory holds files but no Kafka data, or if the
     * formatted directories disagree on the cluster id
     * @param scram the SCRAM user to write into the metadata of a fresh cluster, or {@code null}
     */
    static void formatEmpty(List<NodeSpec> nodes, ScramUser scram) {
        String clusterId = existingClusterId(nodes).orElseGet(() -> Uuid.randomUuid().toString());
        for (NodeSpec node : nodes) {
            if (isEmpty(node.directory())) {
                format(node, clusterId, scram);
            }
            else if (!Files.exists(node.directory().resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
                throw new IllegalStateException("Kafka data directory " + node.directory() + " is not empty but holds no "
                        + "Kafka data (no " + MetaPropertiesEnsemble.META_PROPERTIES_NAME + "); point dataDirectory "
                        + "at an empty directory or at one a previous EmbeddedKafka used");
            }
        }
    }

    private static Optional<String> existingClusterId(List<NodeSpec> nodes) {
        List<String> ids = nodes.stream()
                .map(NodeSpec::directory)
                .filter((dir) -> Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME)))
                .map(NodeStorage::clusterId)
                .distinct()
                .toList();
        if (ids.size() > 1) {
            throw new IllegalStateException("Kafka data directories " + nodes.stream().map(NodeSpec::directory).toList()
                    + " belong to different clusters " + ids + "; use one data directory per cluster");
        }
        return ids.stream().findFirst();
    }

    private static String clusterId(Path directory) {
        try {
            MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(directory.toString()))
                    .load();
            return ensemble.clusterId().orElseThrow(() -> new IllegalStateException(
                    "Kafka data directory " + directory + " has no cluster id in its "
                            + MetaPropertiesEnsemble.META_PROPERTIES_NAME));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read Kafka metadata of " + directory, ex);
        }
    }

    private static boolean isEmpty(Path directory) {
        if (!Files.exists(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read Kafka data directory " + directory, ex);
        }
    }

    private static void format(NodeSpec node, String clusterId, ScramUser scram) {
        String directory = node.directory().toString();
        try {
            Files.createDirectories(node.directory());
            new Formatter()
                    // the formatter reports to stdout; the one log line below is enough
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(node.id())
                    .setClusterId(clusterId)
                    .setDirectories(List.of(directory))
                    .setMetadataLogDirectory(directory)
                    .setControllerListenerName(NodeProperties.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    // Share groups (KIP-932) are switched on by this feature in Kafka 4.2; it is
                    // already the default at this release version, but a later default change
                    // must not silently switch queues off.
                    .setFeatureLevel(ShareVersion.FEATURE_NAME, ShareVersion.SV_1.featureLevel())
                    .setScramArguments((scram != null) ? List.of(scram.formatterArgument()) : List.of())
                    .run();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not format Kafka data directory " + directory, ex);
        }
        logger.debug("Formatted {} for node {} of cluster {}", directory, node.id(), clusterId);
    }
}
