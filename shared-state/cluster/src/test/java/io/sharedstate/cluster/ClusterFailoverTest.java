package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedState;
import io.sharedstate.Subscription;
import io.sharedstate.testing.JavaProcess;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members on loopback and three writer clients; a watcher in this JVM. The member that is primary for the
 * updateAndGet key is killed with kill -9 while a writer's function runs, then started again. Every acknowledged
 * change is applied once and journaled once, the function ran once per call, and the watcher saw every change
 * once, in each key's order. Every JVM of the cluster listens and connects on loopback only.
 */
class ClusterFailoverTest {
    /** The ports of this class's clusters (see {@link TestClusters}). */
    private static final int LANE = 1;
    private static final int WRITERS = 3;
    private static final int OPS = 120;
    private static final int PAUSE_AT = 40;
    private static final List<String> KEYS = List.of("t.q", "t.B", "t.d", "t.arr", "t.upd");
    private static final Duration RUN = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void totalsJournalAndWatchersAreExactWhileAMemberIsKilledAndRestarted() throws IOException {
        Map<String, List<Long>> watched = new ConcurrentHashMap<>();
        try (Members members = new Members(dir, LANE)) {
            List<JavaProcess> servers = new ArrayList<>(List.of(members.member(0, 3, "serve"),
                    members.member(1, 3, "serve"), members.member(2, 3, "serve")));
            Members.awaitReady(servers.toArray(new JavaProcess[0]));
            try (SharedState state = TestClusters.client(LANE, 30).open();
                 Subscription watch = state.watchPrefix("t.", event -> watched
                         .computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event.sequence()))) {
                JavaProcess pausing = members.client("write", "c1", OPS, PAUSE_AT);
                JavaProcess steady = members.client("write", "c2", OPS);
                JavaProcess third = members.client("write", "c3", OPS);
                Members.awaitReady(pausing, steady, third);

                for (JavaProcess process : List.of(servers.get(0), servers.get(1), servers.get(2), pausing, steady,
                        third)) {
                    assertEquals(List.of(), SocketAudit.nonLoopbackSockets(process.pid()),
                            "the cluster's JVMs listen and connect on loopback only");
                }
                assertEquals(List.of(), SocketAudit.nonLoopbackSockets(ProcessHandle.current().pid()), "this JVM");

                pausing.awaitLine("INSIDE", RUN);
                int victim = primaryOf(state, "t.upd");
                servers.get(victim).kill9();
                steady.awaitLine("ack c2 " + (PAUSE_AT + 20), RUN);
                members.member(victim, 3, "serve").awaitLine("READY", Members.START);

                assertEquals(OPS, runs(pausing.awaitLine("runs c1", RUN)), "c1's function ran once per call");
                assertEquals(OPS, runs(steady.awaitLine("runs c2", RUN)), "c2's function ran once per call");
                assertEquals(OPS, runs(third.awaitLine("runs c3", RUN)), "c3's function ran once per call");

                int total = WRITERS * OPS;
                assertEquals(total, state.longValue("t.q").get());
                assertEquals(total % 256, state.value("t.B").get().intValue());
                assertEquals(total * 0.5, state.value("t.d").getAsDouble());
                assertEquals(total, Arrays.stream(state.longArray("t.arr", 4).toArray()).sum());
                assertEquals(total, state.longValue("t.upd").get());

                Map<String, List<Long>> journaled = state.journal().events().collect(Collectors.groupingBy(
                        ChangeEvent::key, Collectors.mapping(ChangeEvent::sequence, Collectors.toList())));
                for (String key : KEYS) {
                    assertEquals(versions(1, total + 1), journaled.get(key),
                            key + ": one creation and one event per acknowledged change, in order");
                }
                assertEquals((long) total, ((Number) state.journal().replay().get("t.q")).longValue());
            }
        }
        for (String key : KEYS) {
            List<Long> seen = watched.get(key);
            assertTrue(seen != null && !seen.isEmpty(), key + ": the watcher saw its changes");
            assertEquals(versions(seen.get(0), WRITERS * OPS + 1), seen,
                    key + ": the watcher saw every version once, in order, from its first");
        }
    }

    /** Returns which member (0 to 2) is primary for {@code key}, by its consistent id kept in its directory. */
    private int primaryOf(SharedState state, String key) throws IOException {
        ClusterNode primary = ((ClusterSharedState) state).ignite().affinity(ClusterCaches.VALUES)
                .mapKeyToNode(key);
        for (int i = 0; i < 3; i++) {
            String id = Files.readString(dir.resolve("m" + i).resolve("member-id")).trim();
            if (id.equals(String.valueOf(primary.consistentId()))) {
                return i;
            }
        }
        throw new AssertionError("no member is primary for " + key + ": " + primary);
    }

    private static List<Long> versions(long from, long to) {
        List<Long> versions = new ArrayList<>();
        for (long version = from; version <= to; version++) {
            versions.add(version);
        }
        return versions;
    }

    private static long runs(String line) {
        return Long.parseLong(line.split(" ")[2]);
    }
}
