package io.kclient.embedded;

import java.nio.file.Path;

/**
 * Where one combined broker+controller node lives: its id, its two ports and its data directory.
 * Fixed for the lifetime of an {@link EmbeddedKafka}, so a restarted node comes back at the same
 * address with the same data.
 *
 * @param id the KRaft node id (0-based, also the index given to {@code stopNode}/{@code startNode})
 * @param clientPort the port clients connect to
 * @param controllerPort the port of the KRaft controller listener
 * @param directory the node's log and metadata directory
 */
record NodeSpec(int id, int clientPort, int controllerPort, Path directory) {

    /** The {@code host:port} clients use to reach this node. */
    String clientAddress() {
        return Ports.HOST + ":" + this.clientPort;
    }
}
