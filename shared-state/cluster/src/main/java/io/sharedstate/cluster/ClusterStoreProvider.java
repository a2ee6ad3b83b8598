package io.sharedstate.cluster;

import io.sharedstate.SharedState;
import io.sharedstate.SharedStateException;
import io.sharedstate.internal.RemoteStoreProvider;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.spi.discovery.tcp.internal.TcpDiscoveryNode;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Internal, not an API: the ops CLI's way into a cluster ({@code shared-state get cluster:HOST:PORT,... KEY}). The
 * library finds it with {@link java.util.ServiceLoader} (it cannot depend on this module), so it is public; the
 * cluster module's CLI jar carries it. It joins as a client, which keeps no data. Excluded from the Javadoc.
 */
public final class ClusterStoreProvider implements RemoteStoreProvider {
    /** Ignite's first discovery port; a client opens none, so only the communication port is the CLI's to set. */
    private static final int DISCOVERY_PORT = 47500;
    /**
     * How long a command tries to join, or to go on through a member's failure: an operator who typed a wrong
     * address waits this long for the answer, not the library's default of 40 s.
     */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(10);

    /** For {@link java.util.ServiceLoader}. */
    public ClusterStoreProvider() {
    }

    @Override
    public String scheme() {
        return "cluster";
    }

    @Override
    public SharedState open(Location location) {
        // Before the first socket of this JVM, which fixes the protocol stack; a user's setting wins.
        setIfAbsent("java.net.preferIPv4Stack", "true");
        List<String> members = location.addresses();
        String local = location.localAddress() != null ? location.localAddress() : addressToward(members.get(0));
        SharedClusterBuilder builder = SharedCluster.client().members(members.toArray(String[]::new))
                .localAddress(local).retryBudget(RETRY_BUDGET);
        if (location.localPort() != 0) {
            builder.ports(DISCOVERY_PORT, location.localPort());
        }
        return builder.open();
    }

    @Override
    public List<Member> members(SharedState state) {
        return ((ClusterSharedState) state).ignite().cluster().nodes().stream()
                .sorted(Comparator.comparingLong(ClusterNode::order))
                .map(ClusterStoreProvider::member)
                .collect(Collectors.toList());
    }

    private static Member member(ClusterNode node) {
        String host = node.addresses().stream().findFirst().orElse("?");
        int port = node instanceof TcpDiscoveryNode ? ((TcpDiscoveryNode) node).discoveryPort() : 0;
        Object pid = node.attribute(IgniteNodeAttributes.ATTR_JVM_PID);
        return new Member(node.isClient() ? "client" : "server", node.isClient() || port == 0 ? host : host + ":"
                + port, pid instanceof Number ? ((Number) pid).longValue() : 0,
                node.isClient() ? "" : String.valueOf(node.consistentId()), node.isLocal());
    }

    /**
     * Returns the address of this machine that the route to {@code member} leaves from: connecting a UDP socket
     * sends nothing, it only picks the route. A loopback member gives a loopback address.
     */
    static String addressToward(String member) {
        String host = member.substring(0, member.lastIndexOf(':')).replace("[", "").replace("]", "");
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), 9));
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new IOException("no route to it");
            }
            return local.getHostAddress();
        } catch (IOException e) {
            throw new SharedStateException("cannot tell which address of this machine reaches the member " + member
                    + " (" + e.getMessage() + "); give it with --local-address", e);
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
