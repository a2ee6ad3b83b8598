package io.sharedstate.store;

import io.sharedstate.KeyRemovedException;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Finding 8 of issue 9: a handle kept across a removal and a re-creation of its key (same type and length, so the
 * same bytes) that takes over the new entry's lock from a dead owner must leave the entry's sequence even; an odd
 * one makes every later read of the key spin for ever.
 */
class StaleHandleTakeoverTest {
    @TempDir
    Path dir;

    @Test
    void aStaleHandleThatTakesOverTheLockOfTheRecreatedKeyLeavesItReadable() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong stale = state.longValue("balance", 5);
            // Without maintenance nothing retires the handle when another process removes its key: the window a
            // kept handle has between a removal and the next maintenance pass, held open.
            ((ChronicleSharedState) state).store().maintenance().stop();
            try (JavaProcess remover = JavaProcess.start(Worker.class, "remove", dir, "balance")) {
                remover.awaitLine("removed true", Duration.ofSeconds(30));
            }
            try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
                holder.awaitLine("ready", Duration.ofSeconds(30));
                holder.kill9();
            }
            assertThrows(KeyRemovedException.class, stale::incrementAndGet,
                    "the stale handle takes the dead owner's lock over, then finds the entry is another key's");
            SharedLong fresh = state.longValue("balance");
            long read = CompletableFuture.supplyAsync(fresh::get).get(10, TimeUnit.SECONDS);
            assertEquals(-1, read, "the dead owner's value, readable: the sequence was left even");
            assertEquals(0, fresh.incrementAndGet());
            assertEquals(0, state.info("balance").lockOwnerPid(), "the lock is free");
        }
    }
}
