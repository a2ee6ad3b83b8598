package io.sharedstate.cluster;

import io.sharedstate.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A member makes no network request beyond loopback, the socket audit that {@link ClusterFailoverTest} runs on every
 * JVM of its cluster can fail, and a JVM without Ignite's flags is told which it lacks.
 */
class ClusterIsolationTest {
    /** The ports of the one-member clusters this class starts beside its three-member one. */
    private static final int PROBE_LANE = 5;
    private static final String SETTLE_MILLIS = "12000";

    @TempDir
    Path dir;

    @Test
    void aMemberMakesNoNetworkRequestBeyondLoopback() {
        assertEquals("attempts 0 []", probe(List.of()));
    }

    @Test
    void theProbeSeesIgnitesUpdateNotifierWhenItIsSwitchedOn() {
        String output = probe(List.of("-DIGNITE_UPDATE_NOTIFIER=true"));
        org.junit.jupiter.api.Assertions.assertTrue(!output.startsWith("attempts 0"), "control run: " + output);
    }

    private String probe(List<String> extraOptions) {
        List<String> options = new java.util.ArrayList<>(ClusterJvmFlags.fromModule());
        options.addAll(extraOptions);
        options.add("-Djava.security.manager=allow");
        options.add("-D" + TestClusters.LANE_PROPERTY + "=" + PROBE_LANE);
        try (JavaProcess child = JavaProcess.start(options, ClusterNetworkProbe.class, dir.resolve("probe"),
                SETTLE_MILLIS)) {
            String line = child.awaitLine("attempts", Duration.ofSeconds(90));
            child.waitFor(Duration.ofSeconds(30));
            return line;
        }
    }

    @Test
    void theAuditSeesASocketBoundToEveryInterface() throws IOException {
        try (ServerSocket wildcard = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertFalse(SocketAudit.nonLoopbackSockets(ProcessHandle.current().pid()).isEmpty());
        }
    }

    @Test
    void aJvmWithoutIgnitesFlagsGetsOneErrorNamingThem() {
        try (JavaProcess member = JavaProcess.start(List.of("-D" + TestClusters.LANE_PROPERTY + "=" + PROBE_LANE),
                ClusterProcess.class, "member", dir.resolve("m"), 0,
                1, "serve")) {
            int status = member.waitFor(Duration.ofMinutes(1));
            assertEquals(1, status, member.describe());
            String stderr = member.stderr();
            assertFalse(stderr.contains("READY"));
            org.junit.jupiter.api.Assertions.assertTrue(stderr.contains("of the flags Apache Ignite needs on Java 17")
                    && stderr.contains("--add-opens=java.base/java.nio=ALL-UNNAMED")
                    && stderr.contains("shared-state-cluster-<version>.jar > jvm.options"), stderr);
        }
    }
}
