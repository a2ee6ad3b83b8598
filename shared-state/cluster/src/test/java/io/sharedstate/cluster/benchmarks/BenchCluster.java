package io.sharedstate.cluster.benchmarks;

import io.sharedstate.SharedState;
import io.sharedstate.cluster.SharedCluster;
import io.sharedstate.cluster.SharedClusterBuilder;
import io.sharedstate.internal.JvmOptions;
import io.sharedstate.testing.JavaProcess;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The benchmark's three-member cluster on loopback, with the module's defaults (backups 1, FULL_SYNC, 256
 * partitions, native persistence) on ports of its own: discovery 50500.., communication 50100.., away from
 * Ignite's defaults (47500..) and the tests' (48500.., 49500.., 51500..). Either two member JVMs and this JVM as the third member, or three
 * member JVMs and this JVM as a client. Member JVMs run with the full JIT, as services do.
 */
final class BenchCluster implements AutoCloseable {
    static final int MEMBERS = 3;
    private static final int DISCOVERY_PORT = 50500;
    private static final int COMMUNICATION_PORT = 50100;
    private static final Duration START = Duration.ofMinutes(3);

    private final List<JavaProcess> processes;
    private final SharedState state;
    private final Ignite ignite;

    private BenchCluster(List<JavaProcess> processes, SharedState state) {
        this.processes = processes;
        this.state = state;
        List<Ignite> nodes = Ignition.allGrids();
        if (nodes.size() != 1) {
            throw new IllegalStateException("expected this JVM's one Ignite node, found " + nodes.size());
        }
        this.ignite = nodes.get(0);
    }

    static SharedClusterBuilder member(Path dir, int index) {
        return SharedCluster.member(dir).members(memberAddresses())
                .ports(DISCOVERY_PORT + index, COMMUNICATION_PORT + index).initialMembers(MEMBERS);
    }

    /**
     * Starts the member JVMs and joins: as member 0 ({@code asClient} false), or as a client of three member
     * JVMs; returns once the cluster serves.
     */
    static BenchCluster start(Path dir, boolean asClient) {
        List<JavaProcess> processes = new ArrayList<>();
        try {
            for (int index = asClient ? 0 : 1; index < MEMBERS; index++) {
                processes.add(JavaProcess.start(memberJvmOptions(), BenchMember.class, dir.resolve("m" + index),
                        index));
            }
            SharedState state = asClient ? client().open() : member(dir.resolve("m0"), 0).open();
            for (JavaProcess process : processes) {
                process.awaitLine("READY", START);
            }
            return new BenchCluster(processes, state);
        } catch (RuntimeException | Error e) {
            processes.forEach(JavaProcess::close);
            throw e;
        }
    }

    SharedState state() {
        return state;
    }

    Ignite ignite() {
        return ignite;
    }

    boolean isClient() {
        return ignite.cluster().localNode().isClient();
    }

    /**
     * Returns the first of {@code base.0}, {@code base.1}, … that {@code placement} accepts and that every cache
     * in {@code caches} maps to the same members (so that the layer's and the raw calls travel alike).
     */
    String placedKey(String base, Placement placement, String... caches) {
        ClusterNode local = ignite.cluster().localNode();
        Affinity<String> layer = ignite.affinity(caches[0]);
        for (int i = 0; i < 10_000; i++) {
            String key = base + "." + i;
            if (placement.accepts(layer, local, key) && sameMembers(key, caches)) {
                return key;
            }
        }
        throw new IllegalStateException("no key of " + base + " is " + placement + " here");
    }

    /** Where {@code key}'s copies are: "primary=NODE backups=[NODE]", this JVM's node called "this JVM". */
    String describePlacement(String key) {
        List<ClusterNode> nodes = new ArrayList<>(ignite.affinity(RawIgnite.LAYER_VALUES)
                .mapKeyToPrimaryAndBackups(key));
        String backups = nodes.stream().skip(1).map(BenchCluster::describe).collect(Collectors.joining(", "));
        return "primary " + describe(nodes.get(0)) + ", backups [" + backups + "]";
    }

    /** Leaves the cluster, then kills the member JVMs. */
    @Override
    public void close() {
        try {
            state.close();
        } finally {
            processes.forEach(JavaProcess::close);
        }
    }

    private boolean sameMembers(String key, String... caches) {
        Collection<ClusterNode> expected = ignite.affinity(caches[0]).mapKeyToPrimaryAndBackups(key);
        for (String cache : caches) {
            if (!new ArrayList<>(ignite.affinity(cache).mapKeyToPrimaryAndBackups(key))
                    .equals(new ArrayList<>(expected))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(ClusterNode node) {
        return node.isLocal() ? "this JVM" : "member JVM " + node.consistentId();
    }

    private static SharedClusterBuilder client() {
        return SharedCluster.client().members(memberAddresses())
                .ports(DISCOVERY_PORT + MEMBERS, COMMUNICATION_PORT + MEMBERS);
    }

    private static String memberAddresses() {
        return "127.0.0.1:" + DISCOVERY_PORT + ".." + (DISCOVERY_PORT + MEMBERS - 1);
    }

    /** The cluster module's options file (what ClusterJvmFlags.fromModule() reads), and the full JIT. */
    private static List<String> memberJvmOptions() {
        List<String> options = new ArrayList<>(JvmOptions.parse(resource("/io/sharedstate/cluster/jvm.options")));
        options.addAll(JavaProcess.FULL_JIT);
        return options;
    }

    private static String resource(String name) {
        try (InputStream in = BenchCluster.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: is the cluster module's?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a benchmark key's copies sit, seen from this JVM. */
    enum Placement {
        /** Neither primary nor backup here: every call crosses to both other members (a client's only case). */
        REMOTE,
        /** Primary here: the backup is across the network. */
        PRIMARY,
        /** Backup here: the primary is across the network. */
        BACKUP;

        boolean accepts(Affinity<String> affinity, ClusterNode local, String key) {
            switch (this) {
                case PRIMARY:
                    return affinity.isPrimary(local, key);
                case BACKUP:
                    return affinity.isBackup(local, key);
                default:
                    return !affinity.isPrimaryOrBackup(local, key);
            }
        }
    }
}
