package io.sharedstate;

import io.sharedstate.store.DieHoldingIndexLock;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public figures of {@link SharedState#statistics()} against a real store and real processes. */
class StatisticsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void figuresCountKeysRoomProcessesAndTheJournal() {
        try (SharedState state = SharedState.builder(dir).capacity(100).open()) {
            state.longValue("a", 0).incrementAndGet();
            state.longValue("b", 0);
            state.doubleArray("c", 10);
            StoreStatistics stats = state.statistics();
            assertEquals(3, stats.keys());
            assertEquals(100, stats.capacity());
            assertEquals(97, stats.keyHeadroom());
            assertTrue(stats.dataBytesFree() > 0 && stats.dataBytesFree() <= stats.dataBytes()
                    + stats.largestValueBytes() * 1000, "free bytes " + stats.dataBytesFree());
            assertTrue(stats.largestValueBytes() > 0);
            assertEquals(3, stats.segments().stream().mapToLong(StoreStatistics.Segment::keys).sum());
            assertEquals(0, stats.stuckSegments());
            assertEquals(1, stats.liveProcesses());
            assertEquals(0, stats.deadProcesses());
            assertEquals(0, stats.locks().size());
            assertEquals(Duration.ZERO, stats.longestLockHold());
            assertEquals(ProcessHandle.current().pid(), stats.processes().get(0).pid());
            assertNull(stats.journal().drainFailure());
            assertTrue(stats.healthy(), "problems: " + stats.problems());
        }
    }

    @Test
    void aLockHeldByADeadProcessMakesTheStoreUnhealthyUntilAWriterTakesItOver() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("balance", 0);
        }
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", TIMEOUT);
            try (SharedState reader = SharedState.builder(dir).readOnly().open()) {
                StoreStatistics live = reader.statistics();
                assertEquals(1, live.locks().size());
                StoreStatistics.LockInfo lock = live.locks().get(0);
                assertEquals("balance", lock.key());
                assertEquals(holder.pid(), lock.ownerPid());
                assertTrue(lock.ownerAlive());
                assertTrue(live.longestLockHold().compareTo(Duration.ZERO) > 0, "held for " + lock.heldFor());
                assertEquals(2, live.liveProcesses());
                // Not healthy() as a whole: the holder's journal event may still wait for a drainer to stand.
                assertTrue(live.problems().stream().noneMatch(problem -> problem.contains("locked")),
                        "problems: " + live.problems());

                holder.kill9();
                holder.waitFor(TIMEOUT);
                // A reader repairs nothing, so the dead owner's lock stays until a writer opens the store.
                StoreStatistics dead = reader.statistics();
                assertEquals(1, dead.locksHeldByDeadOwners());
                assertEquals(1, dead.deadProcesses());
                assertFalse(dead.healthy());
                assertTrue(dead.problems().stream().anyMatch(problem -> problem.contains("locked by pid " + holder.pid())),
                        dead.problems().toString());
            }
            try (SharedState writer = SharedState.open(dir)) {
                writer.longValue("balance").incrementAndGet();
                StoreStatistics repaired = writer.statistics();
                assertEquals(0, repaired.locksHeldByDeadOwners());
                assertEquals(1, repaired.lockRecoveries());
                assertTrue(repaired.problems().stream().noneMatch(problem -> problem.contains("locked")),
                        "problems: " + repaired.problems());
            }
        }
    }

    @Test
    void aProcessThatDiedHoldingTheKeyIndexLeavesEverySegmentStuckUntilTheIndexIsTakenOver() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("a", 1);
        }
        DieHoldingIndexLock.killHoldingTheIndexOf(dir);
        try (SharedState reader = SharedState.builder(dir).readOnly().open()) {
            // The figures are read before the call takes the index lock itself, which takes it over.
            StoreStatistics stuck = reader.statistics();
            assertTrue(stuck.index().stuck(), stuck.index().toString());
            assertEquals(stuck.segments().size(), stuck.stuckSegments());
            assertFalse(stuck.healthy(), "problems: " + stuck.problems());
            StoreStatistics repaired = reader.statistics();
            assertEquals(0, repaired.stuckSegments(), repaired.index().toString());
            assertEquals(1, reader.value("a").getAsLong(), "the keys are all there");
        }
    }

    @Test
    void theJournalsLagIsCountedWhileItsDrainerIsStoppedAndCombinedEventsOnceItDrains() throws Exception {
        // The worker opens the store first and drains its journal; stopped, it still holds the role (it is alive).
        try (JavaProcess drainer = JavaProcess.start(Worker.class, "drain", dir)) {
            drainer.awaitLine("ready", TIMEOUT);
            try (SharedState state = SharedState.open(dir)) {
                SharedLong counter = state.longValue("counter", 0);
                signal("STOP", drainer.pid());
                try {
                    // More than the staging ring holds: the rest is journaled as combined events.
                    for (int i = 0; i < 200_000; i++) {
                        counter.incrementAndGet();
                    }
                    StoreStatistics.JournalInfo lagging = state.statistics().journal();
                    assertTrue(lagging.pendingBytes() > 0, lagging.toString());
                    assertEquals(drainer.pid(), lagging.drainerPid(), lagging.toString());
                } finally {
                    signal("CONT", drainer.pid());
                }
                assertTrue(state.journal().awaitCaughtUp(TIMEOUT), () -> state.statistics().journal().toString());
                StoreStatistics.JournalInfo drained = state.statistics().journal();
                assertEquals(0, drained.pendingBytes(), drained.toString());
                assertEquals(0, drained.lostEvents(), drained.toString());
                assertTrue(drained.coalescedEvents() > 0, drained.toString());
                assertTrue(drained.bytesOnDisk() > 0 && drained.drainedEvents() > 0, drained.toString());
                assertTrue(drained.lastSequence() >= drained.firstSequence(), drained.toString());
                assertEquals(200_000L, ((Number) state.journal().replay().get("counter")).longValue(),
                        "combined events carry the net change");
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
        assertTrue(kill.waitFor(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) && kill.exitValue() == 0,
                "kill -" + name + " " + pid);
    }
}
