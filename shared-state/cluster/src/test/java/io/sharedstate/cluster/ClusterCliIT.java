package io.sharedstate.cluster;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops CLI against a cluster: the packaged cluster CLI jar, run as operators run it ({@code java -jar}, no flags),
 * on a one-member cluster in another JVM; this JVM joins it as a client to check and to change what the CLI watches.
 */
class ClusterCliIT {
    /** The ports of this class's cluster (see {@link TestClusters}). */
    private static final int LANE = 7;
    private static final Duration RUN = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void theSevenCommandsWorkOnACluster() throws Exception {
        try (Members members = new Members(dir, LANE)) {
            members.member(0, 1, "serve").awaitLine("READY", Members.START);
            String cluster = "cluster:127.0.0.1:" + TestClusters.discoveryPort(LANE);

            assertEquals("", run("set", "--type", "q", cluster, "hits", "5"));
            assertEquals("6", run("incr", cluster, "hits"));
            assertEquals("", run("set", "--type", "d", cluster, "arr", "1.5", "2.5"));
            assertEquals("6", run("get", cluster, "hits"));
            String dump = run("dump", cluster);
            assertTrue(dump.contains("hits  q int64") && dump.contains("[1.5, 2.5]"), dump);
            String journal = run("journal", cluster);
            assertTrue(journal.contains("CREATE  hits  5") && journal.contains("ADD     hits  6 (+1)"), journal);
            String stat = run("stat", cluster);
            assertTrue(stat.contains("1 server, 1 client") && stat.contains("keys              2"), stat);

            Process watch = cli("watch", cluster);
            try (SharedState state = TestClusters.client(LANE, 20).open()) {
                SharedLong hits = state.longValue("hits");
                // The watch has subscribed once it says so on stderr; the change made after that reaches it.
                awaitStderr(watch, "watching " + cluster);
                hits.incrementAndGet();
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(watch.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                assertTrue(line != null && line.contains("ADD") && line.contains("hits  7 (+1)"), line);
            } finally {
                watch.destroy();
                watch.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theLibrarysOwnCliSaysItCannotReachAClusterAndHow() throws Exception {
        String libraryJar = System.getProperty("cluster.cli.jar").replace("cluster/target/shared-state-cluster",
                "target/shared-state");
        Process process = new ProcessBuilder(JavaProcess.javaExecutable(), "-jar", libraryJar, "get",
                "cluster:127.0.0.1:" + TestClusters.discoveryPort(LANE), "hits").start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), stderr);
        assertTrue(stderr.contains("shared-state-cluster"), stderr);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        Process process = cli(args);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(RUN.toSeconds(), TimeUnit.SECONDS), "the CLI did not exit: " + stderr);
        assertEquals(0, process.exitValue(), String.join(" ", args) + "\n" + stderr);
        return stdout;
    }

    private static Process cli(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JavaProcess.javaExecutable(), "-jar",
                System.getProperty("cluster.cli.jar")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }

    private static void awaitStderr(Process process, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while (seen.indexOf(text) < 0 && (c = process.getErrorStream().read()) != -1) {
            seen.append((char) c);
        }
        assertTrue(seen.indexOf(text) >= 0, "the watch never said it was watching: " + seen);
    }
}
