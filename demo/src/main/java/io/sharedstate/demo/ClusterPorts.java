package io.sharedstate.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The loopback ports of one run of the cluster scenario: a band of discovery ports from 49500 and one of
 * communication ports from 49100, each 100 wide, the first band that no other process listens on. Two runs at once
 * on one machine then form two clusters, instead of joining each other's. (The cluster module's tests use 48100..,
 * 48500.., 50500.. and 51100..; the bands here stay clear of them.) The launcher picks the band; its workers learn
 * it from a system property on their command line, and holds it (see {@link #reserve}) for the run.
 *
 * @param band which band: 0 to {@value #BANDS} - 1
 */
record ClusterPorts(int band) {
    static final String PROPERTY = "shared-state.demo.cluster.band";
    static final int BANDS = 4;
    private static final int BAND_WIDTH = 100;
    private static final int DISCOVERY_PORT = 49500;
    private static final int COMMUNICATION_PORT = 49100;
    /** The members' ports and the ten each may try, then the client's beyond them. */
    private static final int PORTS_USED = 30;
    private static final int CLIENT_OFFSET = 20;

    /**
     * Reserves the first band of which no port is taken on 127.0.0.1, by listening on its last port until the
     * reservation is closed: another launcher that looks meanwhile, before this run's members listen, passes it over.
     */
    static Reservation reserve() {
        for (int band = 0; band < BANDS; band++) {
            ClusterPorts ports = new ClusterPorts(band);
            ServerSocket held = listen(ports.discovery(1) + BAND_WIDTH - 1);
            if (held == null) {
                continue;
            }
            if (ports.areFree()) {
                return new Reservation(ports, held);
            }
            closeQuietly(held);
        }
        throw new IllegalStateException("no free ports for a demo cluster: every band of " + DISCOVERY_PORT + ".."
                + (DISCOVERY_PORT + BANDS * BAND_WIDTH - 1) + " and " + COMMUNICATION_PORT + ".."
                + (COMMUNICATION_PORT + BANDS * BAND_WIDTH - 1) + " has a port in use (other demo clusters still "
                + "running?)");
    }

    /**
     * A band held for one run.
     *
     * @param ports the band's ports
     * @param held the socket that holds it
     */
    record Reservation(ClusterPorts ports, ServerSocket held) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(held);
        }
    }

    /** Returns the band the launcher gave this worker JVM. */
    static ClusterPorts ofThisJvm() {
        return new ClusterPorts(Integer.getInteger(PROPERTY, 0));
    }

    /** The JVM option that gives a worker this band. */
    String jvmOption() {
        return "-D" + PROPERTY + "=" + band;
    }

    /** The members' discovery addresses, for every member and client to join. */
    String memberAddresses(int members) {
        return "127.0.0.1:" + discovery(1) + ".." + discovery(members);
    }

    /** Member {@code number}'s discovery port (from 1). */
    int discovery(int number) {
        return DISCOVERY_PORT + band * BAND_WIDTH + number - 1;
    }

    /** Member {@code number}'s communication port (from 1). */
    int communication(int number) {
        return COMMUNICATION_PORT + band * BAND_WIDTH + number - 1;
    }

    int clientDiscovery() {
        return discovery(1) + CLIENT_OFFSET;
    }

    int clientCommunication() {
        return communication(1) + CLIENT_OFFSET;
    }

    private boolean areFree() {
        for (int offset = 0; offset < PORTS_USED; offset++) {
            if (!isFree(discovery(1) + offset) || !isFree(communication(1) + offset)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        ServerSocket socket = listen(port);
        closeQuietly(socket);
        return socket != null;
    }

    /** Listens on {@code port} of 127.0.0.1; returns null if another socket has it. */
    private static ServerSocket listen(int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            return null;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing holds it any more either way
        }
    }
}
