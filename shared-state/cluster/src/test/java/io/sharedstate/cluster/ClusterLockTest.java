package io.sharedstate.cluster;

import io.sharedstate.SharedLock;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explicit locks across members: mutual exclusion, timeouts, and a holder whose node dies mid-section. Isolated:
 * it measures how soon a waiter gets a dead member's lock, which CPU taken by another class's cluster would delay.
 */
@Isolated
class ClusterLockTest {
    /** The ports of this class's clusters (see {@link TestClusters}). */
    private static final int LANE = 2;
    private static final Duration RUN = Duration.ofMinutes(2);
    private static final Duration FAILURE_DETECTION = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void sectionsExcludeEachOtherAndADeadMembersLockPassesToAWaiterWithinFailureDetectionAndASecond() {
        int rounds = 60;
        try (Members members = new Members(dir, LANE)) {
            JavaProcess first = members.member(0, 3, "exclusive", rounds);
            JavaProcess holder = members.member(1, 3, "hold");
            JavaProcess second = members.member(2, 3, "exclusive", rounds);
            Members.awaitReady(first, holder, second);
            first.awaitLine("DONE", RUN);
            second.awaitLine("DONE", RUN);
            holder.awaitLine("HOLDING", RUN);
            try (SharedState state = TestClusters.client(LANE, 20).open()) {
                assertEquals(2 * rounds, state.longValue("x").get(), "no update lost between the sections");
                assertThrows(UnsupportedOperationException.class, state::directory, "a client keeps no data");

                long started = System.nanoTime();
                Optional<SharedLock> lock = state.tryLock("acct", Duration.ofMillis(300));
                assertTrue(lock.isEmpty(), "a live member's lock is not given to another");
                assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos(), "tryLock waited");
                assertEquals(100, state.longValue("acct").peek(), "peek reads without waiting for the section");

                JavaProcess waiter = members.client("take");
                waiter.awaitLine("WAITING", RUN);
                long killedAt = System.currentTimeMillis();
                holder.kill9();
                String[] took = waiter.awaitLine("took", RUN).split(" ");
                long waited = Long.parseLong(took[1]) - killedAt;
                assertTrue(waited <= FAILURE_DETECTION.plusSeconds(1).toMillis(),
                        "the waiter got the lock " + waited + " ms after the holder's death");
                assertEquals("true", took[2], "previousOwnerDied");
                assertEquals("100", took[3], "the changes the holder committed in its section stay");
                assertEquals("1", took[4]);
                waiter.awaitLine("DONE", RUN);
                assertTrue(state.tryLock("acct", Duration.ZERO).isPresent(), "the waiter released it");
            }
            assertTrue(!java.nio.file.Files.exists(Path.of(System.getProperty("user.dir"), "ignite")),
                    "a client leaves no Ignite work directory where it ran");
        }
    }

    /**
     * A client paused for longer than failure detection is dropped by the cluster and its lock given to a waiter;
     * when it resumes it joins again as a new node, and its next change in the section is refused, not applied
     * as if the section were still exclusive.
     */
    @Test
    void aClientDroppedWhileHoldingALockIsRefusedItsChangesWhenItComesBack() throws Exception {
        try (Members members = new Members(dir, LANE)) {
            JavaProcess first = members.member(0, 2, "serve");
            JavaProcess second = members.member(1, 2, "serve");
            Members.awaitReady(first, second);
            JavaProcess loser = members.client("lose");
            loser.awaitLine("HOLDING", RUN);
            signal("STOP", loser);
            String[] took;
            try {
                JavaProcess waiter = members.client("take");
                took = waiter.awaitLine("took", RUN).split(" ");
                assertEquals("true", took[2], "the paused client counted as dead once the cluster dropped it");
                waiter.awaitLine("DONE", RUN);
            } finally {
                signal("CONT", loser);
            }
            String lost = loser.awaitLine("LOST", RUN);
            assertTrue(lost.contains("the lock of key \"acct\" was lost"), lost);
            assertEquals("UNLOCKED held=false", loser.awaitLine("UNLOCK", RUN), "unlocking a lost lock after the "
                    + "change that was told says nothing more");
            try (SharedState state = TestClusters.client(LANE, 20).open()) {
                assertEquals(Long.parseLong(took[3]), state.longValue("acct").get(), "no change of the client that "
                        + "lost the lock was applied after it lost it");
                assertTrue(state.tryLock("acct", Duration.ZERO).isPresent(), "nobody holds the lock");
            }
        }
    }

    private static void signal(String signal, JavaProcess process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.javaPid().pid())).start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }
}
