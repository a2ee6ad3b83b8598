package io.sharedstate.cluster;

import java.nio.file.Path;
import java.time.Duration;

/** Builders for test clusters on loopback: ports of their own, fast failure detection, few partitions. */
final class TestClusters {
    /** Discovery ports for tests: away from Ignite's defaults, so that nothing else on the machine joins. */
    static final int DISCOVERY_PORT = 48500;
    static final int COMMUNICATION_PORT = 48100;

    private TestClusters() {
    }

    static String members(int count) {
        return "127.0.0.1:" + DISCOVERY_PORT + ".." + (DISCOVERY_PORT + count - 1);
    }

    /** A client of the test cluster (three members). */
    static SharedClusterBuilder client() {
        return SharedCluster.client().members(members(3)).ports(DISCOVERY_PORT + 20, COMMUNICATION_PORT + 20)
                .failureDetection(Duration.ofSeconds(2));
    }

    static SharedClusterBuilder member(Path dir, int index, int initialMembers) {
        return SharedCluster.member(dir).members(members(Math.max(initialMembers, 3)))
                .ports(DISCOVERY_PORT + index, COMMUNICATION_PORT + index)
                .initialMembers(initialMembers).partitions(32).failureDetection(Duration.ofSeconds(2))
                .memory(64L << 20);
    }
}
