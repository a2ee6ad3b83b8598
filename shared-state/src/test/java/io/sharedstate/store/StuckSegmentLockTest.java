package io.sharedstate.store;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.SharedStateException;
import io.sharedstate.StoreRecoveryRequiredException;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed while it holds a Chronicle Map segment lock leaves that lock held for ever. Values attached
 * through handles keep working; creating keys in that segment fails fast with the cause and the recovery step;
 * {@code recover} brings the store back once everyone has closed it.
 */
class StuckSegmentLockTest {
    @TempDir
    Path dir;

    @Test
    void aSegmentLockLeftByAKilledProcessIsReportedFastAndRecovered() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong attached = state.longValue("attached", 0);
            String victim = keyInSegmentOf(state, "attached", true);
            String elsewhere = keyInSegmentOf(state, "attached", false);
            String neighbour = keyInSegmentOf(state, victim, true, victim);
            try (JavaProcess holder = JavaProcess.start(SegmentLockHolder.class, dir, victim)) {
                holder.awaitLine("holding", Duration.ofSeconds(30));
                holder.kill9();
            }
            assertEquals(1, attached.incrementAndGet(), "handles never touch Chronicle's locks");

            long start = System.nanoTime();
            StoreRecoveryRequiredException e = assertThrows(StoreRecoveryRequiredException.class,
                    () -> state.longValue(victim, 0));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 5_000, "detection took " + tookMillis + " ms");
            assertTrue(e.getMessage().contains("shared-state recover " + dir), e.getMessage());
            assertThrows(StoreRecoveryRequiredException.class, () -> state.longValue(neighbour, 0),
                    "every key of the stuck segment");
            assertEquals(5, state.longValue(elsewhere, 5).get(), "other segments still work");
            assertEquals(2, attached.incrementAndGet());
        }

        try (JavaProcess user = JavaProcess.start(Worker.class, "hold-lock", dir, "other")) {
            user.awaitLine("ready", Duration.ofSeconds(30));
            SharedStateException busy = assertThrows(SharedStateException.class, () -> StoreMaintenance.recover(dir));
            assertTrue(busy.getMessage().contains(Long.toString(user.pid())), busy.getMessage());
        }

        StoreMaintenance.RecoveryReport report = StoreMaintenance.recover(dir);
        assertEquals(1, report.locksReleased(), "the killed lock holder's key lock is released too");
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(7, state.longValue("victim-after", 7).get());
            assertEquals(2, state.longValue("attached").get());
            assertEquals(0, state.longValue(keyInSegmentOf(state, "attached", true), 0).get());
        }
    }

    /** Returns a fresh key name in the same (or another) Chronicle segment as {@code key}. */
    private static String keyInSegmentOf(SharedState state, String key, boolean same, String... except) {
        KeyIndex index = ((ChronicleSharedState) state).store().index();
        int segment = index.segmentOf(key);
        for (int i = 0; ; i++) {
            String candidate = "key-" + i;
            if ((index.segmentOf(candidate) == segment) == same && !state.contains(candidate)
                    && !java.util.Arrays.asList(except).contains(candidate)) {
                return candidate;
            }
        }
    }
}
