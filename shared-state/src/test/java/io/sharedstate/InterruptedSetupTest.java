package io.sharedstate;

import io.sharedstate.store.StoreFiles;
import io.sharedstate.store.StoreMaintenance;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed with {@code kill -9} while it creates a store or runs {@code recover} leaves nothing that needs
 * more than doing the same again (issue 9, findings 9 and 15).
 */
class InterruptedSetupTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int INTERRUPTIONS_WANTED = 3;
    private static final int MAX_ATTEMPTS = 40;
    /** Where the header keeps the pid of a recover in progress (StoreHeader.RECOVER_IN_PROGRESS). */
    private static final long RECOVER_IN_PROGRESS = 704;

    @TempDir
    Path dir;

    @Test
    void aFirstCreationKilledMidwayLeavesADirectoryThatTheNextOpenCreates() {
        int interrupted = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && interrupted < INTERRUPTIONS_WANTED; attempt++) {
            Path store = dir.resolve("store-" + attempt);
            try (JavaProcess creator = JavaProcess.start(Worker.class, "open", store)) {
                await("the creator to write the map", () -> Files.exists(store.resolve(StoreFiles.MAP))
                        || !creator.isAlive());
                creator.kill9();
            }
            if (Files.exists(store.resolve(StoreFiles.HEADER))) {
                continue;
            }
            interrupted++;
            try (SharedState state = SharedState.open(store)) {
                state.longValue("k", 7).incrementAndGet();
            }
            try (SharedState state = SharedState.open(store)) {
                assertEquals(8, state.longValue("k").get(), store.toString());
            }
        }
        assertTrue(interrupted >= INTERRUPTIONS_WANTED, "only " + interrupted + " of " + MAX_ATTEMPTS
                + " kills landed before the header was published");
    }

    /** Creators take turns on the creation lock; whoever comes second finds the store made and uses it. */
    @Test
    void severalProcessesCreatingOneStoreAtOnceShareTheOneStoreThatResults() {
        Path store = dir.resolve("raced");
        List<JavaProcess> creators = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                creators.add(JavaProcess.start(Worker.class, "increment", store, "k", 1_000));
            }
            for (JavaProcess creator : creators) {
                creator.awaitSuccess(Duration.ofSeconds(60));
            }
        } finally {
            creators.forEach(JavaProcess::close);
        }
        try (SharedState state = SharedState.open(store)) {
            assertEquals(4_000, state.longValue("k").get(), "every creator's increments are in the one store");
        }
        assertFalse(Files.exists(store.resolve("shared-state.lock")), "the last creator's turn deleted the lock");
    }

    @Test
    void aRecoverKilledMidwayIsNamedByTheNextOpenAndFinishedByRunningItAgain() {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("k", 41);
        }
        assertFalse(Files.exists(dir.resolve(StoreFiles.CREATION_LOCK)),
                "recover's guard against live processes cannot be the creation lock file: it is gone once created");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try (JavaProcess recover = JavaProcess.start(Worker.class, "recover", dir)) {
                await("recover to mark the store", () -> recoverMarked(dir) || !recover.isAlive());
                recover.kill9();
            }
            if (!recoverMarked(dir)) {
                continue;
            }
            SharedStateException refused = assertThrows(SharedStateException.class, () -> SharedState.open(dir));
            assertTrue(refused.getMessage().contains("recover was interrupted"), refused.getMessage());
            assertTrue(refused.getMessage().contains("shared-state recover " + dir), refused.getMessage());
            StoreMaintenance.recover(dir);
            assertFalse(recoverMarked(dir), "the finished recover cleared its mark");
            try (SharedState state = SharedState.open(dir)) {
                assertEquals(41, state.longValue("k").get());
            }
            return;
        }
        throw new AssertionError("no kill landed inside recover in " + MAX_ATTEMPTS + " attempts");
    }

    @Test
    void recoverRefusesWhileAProcessHasTheStoreOpenThoughNoLockFileExists() throws IOException {
        SharedState.open(dir).close();
        try (JavaProcess live = JavaProcess.start(Worker.class, "idle", dir)) {
            live.awaitLine("ready", TIMEOUT);
            Files.deleteIfExists(dir.resolve(StoreFiles.CREATION_LOCK));
            SharedStateException refused = assertThrows(SharedStateException.class,
                    () -> StoreMaintenance.recover(dir));
            assertTrue(refused.getMessage().contains(Long.toString(live.pid())), refused.getMessage());
            assertFalse(recoverMarked(dir), "a refused recover changes nothing");
        }
    }

    private static boolean recoverMarked(Path store) {
        try (FileChannel header = FileChannel.open(store.resolve(StoreFiles.HEADER))) {
            ByteBuffer pid = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
            return header.read(pid, RECOVER_IN_PROGRESS) == Long.BYTES && pid.getLong(0) != 0;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }
}
