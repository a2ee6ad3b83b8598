package io.sharedstate.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Builders for test clusters on loopback: ports of their own, fast failure detection, few partitions. Test classes
 * run two at a time, each on a lane of its own: a band of 50 discovery ports from 48500 and 50 communication ports
 * from 48100, so that no cluster finds another's members. A member's JVM learns its lane from the system property
 * {@value #LANE_PROPERTY}.
 */
final class TestClusters {
    /** Discovery ports for tests: away from Ignite's defaults, so that nothing else on the machine joins. */
    static final int DISCOVERY_PORT = 48500;
    static final int COMMUNICATION_PORT = 48100;
    static final String LANE_PROPERTY = "test.cluster.lane";
    private static final int LANE_WIDTH = 50;

    private TestClusters() {
    }

    /** The lane of this JVM's clusters: 0 unless set. */
    static int lane() {
        return Integer.getInteger(LANE_PROPERTY, 0);
    }

    static int discoveryPort(int lane) {
        return DISCOVERY_PORT + lane * LANE_WIDTH;
    }

    static int communicationPort(int lane) {
        return COMMUNICATION_PORT + lane * LANE_WIDTH;
    }

    static String members(int lane, int count) {
        return "127.0.0.1:" + discoveryPort(lane) + ".." + (discoveryPort(lane) + count - 1);
    }

    static String members(int count) {
        return members(lane(), count);
    }

    /** A client of the test cluster (three members) of this JVM's lane. */
    static SharedClusterBuilder client() {
        return client(lane(), 20);
    }

    /** A client of the lane's cluster, on ports {@code offset} above the lane's first (20 and 30 are free). */
    static SharedClusterBuilder client(int lane, int offset) {
        return SharedCluster.client().members(members(lane, 3))
                .ports(discoveryPort(lane) + offset, communicationPort(lane) + offset)
                .failureDetection(Duration.ofSeconds(2));
    }

    static SharedClusterBuilder member(Path dir, int index, int initialMembers) {
        return member(lane(), dir, index, initialMembers);
    }

    static SharedClusterBuilder member(int lane, Path dir, int index, int initialMembers) {
        return SharedCluster.member(dir).members(members(lane, Math.max(initialMembers, 3)))
                .ports(discoveryPort(lane) + index, communicationPort(lane) + index)
                .initialMembers(initialMembers).partitions(32).failureDetection(Duration.ofSeconds(2))
                .memory(64L << 20);
    }
}
