package io.sharedstate.cluster;

import io.sharedstate.SharedState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings for joining a cluster store; see {@link SharedCluster}. Every setting has a default that suits a small
 * cluster on one network; {@link #open()} joins.
 */
public final class SharedClusterBuilder {
    private final boolean server;
    private final Path dataDirectory;
    private List<String> members = List.of("127.0.0.1:47500..47509");
    private String localAddress = "127.0.0.1";
    private int discoveryPort = 47500;
    private int communicationPort = 47100;
    private int backups = 1;
    private int partitions = 256;
    private int initialMembers = 1;
    private Duration failureDetection = Duration.ofSeconds(10);
    private Duration retryBudget;
    private Duration journalRetention = Duration.ofDays(7);
    private long journalMaxRecords = 10_000_000;
    private long dataRegionBytes = 256L << 20;

    SharedClusterBuilder(boolean server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Sets the discovery addresses of the cluster's members: {@code host:port}, or {@code host:from..to} for a range
     * of ports. Default {@code 127.0.0.1:47500..47509}, which only finds members on this machine.
     *
     * @param addresses one or more addresses
     * @return this builder
     * @throws IllegalArgumentException if {@code addresses} is empty
     */
    public SharedClusterBuilder members(String... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("members needs at least one address, such as 10.0.0.5:47500");
        }
        this.members = List.copyOf(Arrays.asList(addresses));
        return this;
    }

    /**
     * Sets the address this process listens and connects on (default {@code 127.0.0.1}). A member of a cluster that
     * spans machines sets the address of the network the members share; the cluster never binds all interfaces.
     *
     * @param address a host name or IP address of this machine
     * @return this builder
     */
    public SharedClusterBuilder localAddress(String address) {
        this.localAddress = Objects.requireNonNull(address, "address");
        return this;
    }

    /**
     * Sets the first ports this process tries for discovery and for communication (defaults 47500 and 47100; the
     * next nine of each are tried when taken).
     *
     * @param discovery the first discovery port
     * @param communication the first communication port
     * @return this builder
     */
    public SharedClusterBuilder ports(int discovery, int communication) {
        this.discoveryPort = checkPort(discovery);
        this.communicationPort = checkPort(communication);
        return this;
    }

    /**
     * Sets how many members besides a key's primary keep a copy of it (default 1): the cluster loses no
     * acknowledged change while fewer than {@code copies + 1} members are down at once. Used when the cluster is
     * first created.
     *
     * @param copies 0 to 3
     * @return this builder
     */
    public SharedClusterBuilder backups(int copies) {
        if (copies < 0 || copies > 3) {
            throw new IllegalArgumentException("backups must be 0 to 3, was " + copies);
        }
        this.backups = copies;
        return this;
    }

    /**
     * Sets how many partitions the keys are spread over (default 256): more suits clusters of many members, fewer
     * start faster. Used when the cluster is first created.
     *
     * @param count 2 to 65,536
     * @return this builder
     */
    public SharedClusterBuilder partitions(int count) {
        if (count < 2 || count > 65_536) {
            throw new IllegalArgumentException("partitions must be 2 to 65536, was " + count);
        }
        this.partitions = count;
        return this;
    }

    /**
     * Sets how many server members must have joined before a new cluster starts serving (default 1). They become
     * its baseline: the members that hold its data. Later starts serve again once every baseline member is back.
     * Set it to the number of members the cluster is created with, so that each keeps its share.
     *
     * @param count the number of server members
     * @return this builder
     */
    public SharedClusterBuilder initialMembers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("initialMembers must be at least 1, was " + count);
        }
        this.initialMembers = count;
        return this;
    }

    /**
     * Sets how long a member may be silent before the others consider it dead (default 10 s): its locks are then
     * taken over and its partitions served by their backups.
     *
     * @param timeout at least 1 s
     * @return this builder
     */
    public SharedClusterBuilder failureDetection(Duration timeout) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("failureDetection must be at least 1 s, was " + timeout);
        }
        this.failureDetection = timeout;
        return this;
    }

    /**
     * Sets how long a call keeps trying while the cluster recovers from a member's death before it fails (default:
     * three failure-detection timeouts plus 10 s).
     *
     * @param budget a positive duration
     * @return this builder
     */
    public SharedClusterBuilder retryBudget(Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("retryBudget must be positive, was " + budget);
        }
        this.retryBudget = budget;
        return this;
    }

    /**
     * Sets how long the journal keeps records (default 7 days) and the most it keeps (default 10,000,000); the
     * newest record of each existing key is always kept, so {@code journal().replay()} always equals the values.
     *
     * @param age how long records are kept
     * @param maxRecords the most records kept
     * @return this builder
     */
    public SharedClusterBuilder journalRetention(Duration age, long maxRecords) {
        if (age.isNegative() || maxRecords < 1) {
            throw new IllegalArgumentException("journal retention needs a non-negative age and maxRecords >= 1");
        }
        this.journalRetention = age;
        this.journalMaxRecords = maxRecords;
        return this;
    }

    /**
     * Sets the memory a server member gives its data (default 256 MiB); data beyond it stays on disk.
     *
     * @param bytes at least 16 MiB
     * @return this builder
     */
    public SharedClusterBuilder memory(long bytes) {
        if (bytes < (16L << 20)) {
            throw new IllegalArgumentException("memory must be at least 16 MiB, was " + bytes);
        }
        this.dataRegionBytes = bytes;
        return this;
    }

    /**
     * Joins the cluster and returns the store, once it serves: for a server member of a new cluster, once
     * {@link #initialMembers(int)} members have joined.
     *
     * @return the cluster store; close it to leave the cluster
     * @throws io.sharedstate.SharedStateException if this JVM lacks the flags Ignite needs (the message names them),
     *         or the cluster cannot be joined
     */
    public SharedState open() {
        Duration budget = retryBudget != null ? retryBudget : failureDetection.multipliedBy(3).plusSeconds(10);
        ClusterConfig config = new ClusterConfig(server, dataDirectory, members, localAddress, discoveryPort,
                communicationPort, backups, partitions, initialMembers, failureDetection, budget, journalRetention,
                journalMaxRecords, dataRegionBytes, "shared-state-" + UUID.randomUUID());
        return ClusterSharedState.open(config);
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65_525) {
            throw new IllegalArgumentException("port must be 1 to 65525, was " + port);
        }
        return port;
    }
}
