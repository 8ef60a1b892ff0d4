package io.kclient.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks free TCP ports and checks that a port can still be bound.
 */
final class Ports {

    /** Host the listeners bind to and advertise: reachable by clients on this machine only. */
    static final String HOST = "localhost";

    private Ports() {
    }

    /**
     * Picks {@code count} distinct free ports, none of them in {@code excluded}.
     *
     * <p>All probe sockets stay open until every port is picked, so the same port cannot be
     * returned twice; they are closed before returning so that Kafka can bind them.
     */
    static List<Integer> pickFree(int count, Set<Integer> excluded) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                ServerSocket probe = new ServerSocket();
                probes.add(probe);
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(HOST, 0));
                if (!excluded.contains(probe.getLocalPort())) {
                    ports.add(probe.getLocalPort());
                }
            }
            return ports;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not pick a free port on " + HOST, ex);
        }
        finally {
            probes.forEach(Ports::closeQuietly);
        }
    }

    /**
     * Returns whether {@code port} can be bound on {@link #HOST} right now.
     *
     * <p>Reuse-address is set as Kafka's own acceptor does, so a port that a stopped node left in
     * TIME_WAIT still counts as free.
     */
    static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // a probe that cannot be closed is released with the process; nothing to do
        }
    }
}
