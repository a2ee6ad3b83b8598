package io.sharedstate.cluster;

import io.sharedstate.SharedStateException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.WALMode;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts this process's Ignite node with the settings a shared-state cluster needs and nothing more: discovery on
 * the given addresses only (no multicast), no thin-client, REST or JMX endpoints, no update notifier, native
 * persistence on server members, and a small write-ahead log.
 */
final class IgniteNode {
    private static final int PORT_RANGE = 10;

    private IgniteNode() {
    }

    /**
     * Starts the node and returns it once the cluster serves. A client keeps Ignite's few files (its marshaller
     * mappings) in {@code clientWork}, so that none land in the service's working directory.
     */
    static Ignite start(ClusterConfig config, Path clientWork) {
        ClusterJvmFlags.check();
        quietDefaults();
        Ignite ignite;
        try {
            ignite = Ignition.start(configuration(config, clientWork));
        } catch (IgniteException e) {
            throw new SharedStateException("cannot join the cluster at " + config.members() + " from "
                    + config.localAddress() + ": " + e.getMessage(), e);
        }
        try {
            awaitActive(ignite, config);
            return ignite;
        } catch (RuntimeException | Error e) {
            Ignition.stop(ignite.name(), true);
            throw e;
        }
    }

    private static IgniteConfiguration configuration(ClusterConfig config, Path clientWork) {
        IgniteConfiguration ignite = new IgniteConfiguration()
                .setIgniteInstanceName(config.instanceName())
                .setClientMode(!config.server())
                .setLocalHost(config.localAddress())
                .setGridLogger(new Slf4jLogger())
                .setMetricsLogFrequency(0)
                .setFailureDetectionTimeout(config.failureDetection().toMillis())
                .setMetricsUpdateFrequency(Math.min(2_000, config.failureDetection().toMillis() / 2))
                .setClientFailureDetectionTimeout(config.failureDetection().toMillis())
                .setPeerClassLoadingEnabled(false)
                .setClientConnectorConfiguration(null)
                .setConnectorConfiguration(null)
                .setDiscoverySpi(discovery(config))
                .setCommunicationSpi(new TcpCommunicationSpi()
                        .setLocalAddress(config.localAddress())
                        .setLocalPort(config.communicationPort())
                        .setLocalPortRange(PORT_RANGE));
        if (config.server()) {
            Path work = directory(config.dataDirectory());
            ignite.setWorkDirectory(work.toString())
                    // A member's data outlives the process: the same directory and this id bring it back.
                    .setConsistentId(consistentId(work))
                    .setDataStorageConfiguration(storage(config, work));
        } else {
            ignite.setWorkDirectory(clientWork.toString());
        }
        return ignite;
    }

    private static TcpDiscoverySpi discovery(ClusterConfig config) {
        List<String> addresses = new ArrayList<>(config.members());
        if (config.server()) {
            // A member that finds nobody else starts the cluster, which it can only do if it is on the list itself.
            addresses.add(config.localAddress() + ":" + config.discoveryPort() + ".."
                    + (config.discoveryPort() + PORT_RANGE - 1));
        }
        TcpDiscoverySpi discovery = new TcpDiscoverySpi()
                .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(addresses))
                .setLocalAddress(config.localAddress())
                .setLocalPort(config.discoveryPort())
                .setLocalPortRange(PORT_RANGE);
        discovery.setJoinTimeout(config.retryBudget().toMillis());
        return discovery;
    }

    private static DataStorageConfiguration storage(ClusterConfig config, Path work) {
        return new DataStorageConfiguration()
                .setDefaultDataRegionConfiguration(new DataRegionConfiguration()
                        .setName("shared-state")
                        .setPersistenceEnabled(true)
                        .setInitialSize(Math.min(config.dataRegionBytes(), 64L << 20))
                        .setMaxSize(config.dataRegionBytes()))
                // A change is in the log before it is acknowledged; LOG_ONLY survives the death of the process.
                .setWalMode(WALMode.LOG_ONLY)
                .setWalSegmentSize(8 << 20)
                .setWalSegments(4)
                .setMaxWalArchiveSize(128L << 20)
                .setStoragePath(work.resolve("db").toString())
                .setWalPath(work.resolve("wal").toString())
                .setWalArchivePath(work.resolve("wal-archive").toString());
    }

    /**
     * Waits until the cluster serves. A new cluster is activated once {@code initialMembers} servers have joined,
     * which makes them its baseline; a cluster that has a baseline activates itself when all of it is back.
     */
    private static void awaitActive(Ignite ignite, ClusterConfig config) {
        long deadline = System.nanoTime() + config.retryBudget().plus(Duration.ofSeconds(50)).toNanos();
        while (!ignite.cluster().state().active()) {
            if (config.server() && ignite.cluster().currentBaselineTopology() == null
                    && ignite.cluster().forServers().nodes().size() >= config.initialMembers()) {
                ignite.cluster().state(ClusterState.ACTIVE);
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new SharedStateException("the cluster did not start serving: " + waitingFor(ignite, config));
            }
            sleepQuietly();
        }
    }

    private static String waitingFor(Ignite ignite, ClusterConfig config) {
        int servers = ignite.cluster().forServers().nodes().size();
        if (ignite.cluster().currentBaselineTopology() == null) {
            return servers + " of the " + config.initialMembers() + " initial members joined";
        }
        return servers + " server members joined; it starts once every baseline member ("
                + ignite.cluster().currentBaselineTopology().size() + ") is back";
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedStateException("interrupted while waiting for the cluster to start serving");
        }
    }

    private static Path directory(Path directory) {
        try {
            return Files.createDirectories(directory).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the member's data directory " + directory, e);
        }
    }

    /** The member's id: kept in its directory, so that its data and baseline place survive restarts. */
    private static String consistentId(Path work) {
        Path file = work.resolve("member-id");
        try {
            if (!Files.exists(file)) {
                Path temporary = work.resolve("member-id.new");
                Files.writeString(temporary, "member-" + java.util.UUID.randomUUID());
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Properties that must be set before Ignite's classes read them; a user's own setting wins. */
    private static void quietDefaults() {
        setIfAbsent("IGNITE_UPDATE_NOTIFIER", "false");
        setIfAbsent("IGNITE_NO_ASCII", "true");
        // Not quiet: Ignite then logs through SLF4J instead of printing warnings to the console.
        setIfAbsent("IGNITE_QUIET", "false");
        setIfAbsent("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true");
        setIfAbsent("java.net.preferIPv4Stack", "true");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
