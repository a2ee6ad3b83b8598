package io.sharedstate.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo cluster}: three Ignite members and a client on loopback; the member that holds a lock is killed with
 * kill -9 and restarted on its directory. The figures the writers printed are added up here, independently of the
 * scenario's own checks. Runs alone: four JVMs with a 2 s failure detection must not be starved of CPU by other
 * runs, and its ports are fixed.
 */
@Isolated
class ClusterIT {
    private static final List<String> WRITERS = List.of("member 1", "member 2", "client");
    private static final long MIN_ROUNDS = 60;

    @TempDir
    Path dir;

    @Test
    void aMemberKilledHoldingTheLockLosesNoAcknowledgedChangeAndItsLockPassesToOneWriter() {
        DemoRun run = DemoRun.run(Duration.ofSeconds(240), "cluster", "--dir", dir);

        run.assertPassed(6);
        assertTrue(run.output().endsWith("cluster: all 6 checks PASS\n"), run::toString);
        run.line("[member 3] holding the lock of cluster.pair");
        assertTrue(run.line("kill -9 member 3").startsWith("  kill -9 member 3 (pid "), run::toString);
        assertEquals(1, run.output().lines().filter(line -> line.contains("] took over the lock of cluster.pair"))
                .count(), run::toString);
        run.line("[member 3 again] serving: member 3 (cluster 3 members now)");

        long rounds = 0;
        long sections = 1;
        for (String writer : WRITERS) {
            long[] written = Numbers.parse(run.line("  [" + writer + "] stopped: "),
                    "stopped: (\\d+) rounds, (\\d+) sections");
            assertTrue(written[0] >= MIN_ROUNDS, () -> writer + " wrote before the kill and after the restart: " + run);
            rounds += written[0];
            sections += written[1];
        }
        assertTrue(run.line("PASS  cluster, cluster.q ").endsWith("expected " + Format.count(rounds) + ", got "
                + Format.count(rounds)), run::toString);
        assertTrue(run.line("PASS  cluster, cluster.B ").endsWith("got " + rounds % 256), run::toString);
        long[] cells = Numbers.parse(run.line("PASS  cluster, cluster.cells "),
                "got \\[(\\d+), (\\d+), (\\d+), (\\d+)]$");
        assertEquals(rounds, cells[0] + cells[1] + cells[2] + cells[3], run::toString);
        assertTrue(run.line("PASS  cluster, cluster.pair ").endsWith("got [" + -sections + ", " + sections + "]"),
                run::toString);

        for (String kept : List.of("member-1/member-id", "member-3/member-id", "member-1.log", "member-3-again.log",
                "client.log")) {
            assertTrue(Files.isRegularFile(dir.resolve(kept)), () -> kept + " in " + dir);
        }
        run.line("store left in " + dir + " ");
    }
}
