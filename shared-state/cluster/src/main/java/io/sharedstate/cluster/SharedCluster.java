package io.sharedstate.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@link io.sharedstate.SharedState} API on an Apache Ignite cluster, for services that outgrow one machine:
 * the same handles, locks and journal, kept by a group of member processes that may run anywhere.
 *
 * <pre>{@code
 * // a service that is a member of the cluster and keeps a share of its data on its disk
 * try (SharedState state = SharedCluster.member(Path.of("/var/lib/orders/cluster"))
 *         .members("10.0.0.5:47500", "10.0.0.6:47500", "10.0.0.7:47500").localAddress("10.0.0.5")
 *         .initialMembers(3).open()) {
 *     state.longValue("orders").incrementAndGet();
 * }
 * // a service that only connects to the members
 * SharedState state = SharedCluster.client().members("10.0.0.5:47500").localAddress("10.0.0.9").open();
 * }</pre>
 *
 * <p>What differs from a local store is written in {@code docs/cluster.md}: a call costs a network round trip and a
 * transaction; {@link io.sharedstate.ChangeEvent#sequence()} numbers each key's changes (1, 2, 3 …) rather than the
 * whole store's; {@code directory()}, settings and statistics describe this member. The JVM needs Ignite's flags:
 * {@code java -jar shared-state-cluster-<version>.jar > jvm.options} writes them.
 */
public final class SharedCluster {
    private SharedCluster() {
    }

    /**
     * Returns a builder for joining as a server member, which keeps its share of the data and write-ahead log in
     * {@code dataDirectory}: the same directory after a restart brings back what the member held.
     *
     * @param dataDirectory this member's own directory, created if needed
     * @return a builder; call {@link SharedClusterBuilder#open()} to join
     */
    public static SharedClusterBuilder member(Path dataDirectory) {
        return new SharedClusterBuilder(true, Objects.requireNonNull(dataDirectory, "dataDirectory"));
    }

    /**
     * Returns a builder for joining as a client of an existing cluster: the process keeps no data, and the store
     * stays available while it runs even when it restarts.
     *
     * @return a builder; call {@link SharedClusterBuilder#open()} to join
     */
    public static SharedClusterBuilder client() {
        return new SharedClusterBuilder(false, null);
    }
}
