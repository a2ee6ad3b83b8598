package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-key lock: exclusion across processes and threads, reentrancy, timeouts, and dead-owner takeover. */
@Isolated
class RobustLockTest {
    @TempDir
    Path dir;

    @Test
    void aWaiterTakesOverALockWhoseOwnerWasKilledWithinOneSecond() {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            try (SharedState state = SharedState.open(dir)) {
                SharedLong balance = state.longValue("balance");
                assertTrue(state.tryLock("balance", Duration.ofMillis(300)).isEmpty(), "held by a live process");
                assertEquals(holder.pid(), state.info("balance").lockOwnerPid());

                holder.kill9();
                long start = System.nanoTime();
                try (SharedLock lock = state.lock("balance")) {
                    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertTrue(tookMillis < 1_000, "takeover took " + tookMillis + " ms");
                    assertTrue(lock.previousOwnerDied(), "the new owner must learn that the previous one died");
                    assertEquals(-1, balance.get(), "the dead owner's half-done update is visible to the new owner");
                    balance.set(0);
                }
                try (SharedLock lock = state.lock("balance")) {
                    assertFalse(lock.previousOwnerDied(), "a normal acquisition after a clean release");
                }
                assertEquals(0, state.info("balance").lockOwnerPid());
            }
        }
    }

    @Test
    void operationsOfAnotherProcessWaitWhileTheLockIsHeldAndResumeAfterItsOwnerDies() throws Exception {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            try (SharedState state = SharedState.open(dir)) {
                SharedLong balance = state.longValue("balance");
                CompletableFuture<Long> increment = CompletableFuture.supplyAsync(balance::incrementAndGet);
                Thread.sleep(300);
                assertFalse(increment.isDone(), "an increment must wait while another process holds the lock");
                holder.kill9();
                assertEquals(0, increment.get(2, TimeUnit.SECONDS), "-1 left by the dead owner, plus one");
            }
        }
    }

    @Test
    void theLockIsReentrantWithinAThreadAndExcludesOtherThreads() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong value = state.longValue("v", 0);
            SharedLock outer = state.lock("v");
            try (SharedLock inner = value.lock()) {
                assertEquals(2, inner.holdCount());
                value.incrementAndGet();
            }
            assertTrue(outer.isHeldByCurrentThread());
            assertEquals(1, outer.holdCount());
            CompletableFuture<Optional<SharedLock>> other = CompletableFuture.supplyAsync(
                    () -> state.tryLock("v", Duration.ofMillis(200)));
            assertTrue(other.get().isEmpty(), "another thread must not get a held lock");
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(value::get);
            Thread.sleep(200);
            assertFalse(read.isDone(), "another thread's read waits for the lock section to end");
            value.set(41);
            outer.unlock();
            assertEquals(41, read.get(2, TimeUnit.SECONDS), "the reader sees the section's result");
            assertFalse(outer.isHeldByCurrentThread());
            SharedLock lock = state.lock("v");
            lock.unlock();
            assertThrows(IllegalMonitorStateException.class, lock::unlock, "unlocking a lock not held");
        }
    }

    @Test
    void tryLockTimesOutWhileAnotherThreadHoldsTheLock() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("v", 0);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread owner = new Thread(() -> {
                try (SharedLock lock = state.lock("v")) {
                    held.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            owner.start();
            held.await();
            long start = System.nanoTime();
            assertTrue(state.tryLock("v", Duration.ofMillis(250)).isEmpty());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 240);
            release.countDown();
            owner.join();
            Optional<SharedLock> lock = state.tryLock("v", Duration.ofMillis(250));
            assertTrue(lock.isPresent());
            lock.get().close();
        }
    }

    @Test
    void aPlainWriterThatRepairsADeadHoldersSectionLeavesTheNewsForTheNextExplicitLocker() {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            try (SharedState state = SharedState.open(dir)) {
                SharedLong balance = state.longValue("balance");
                holder.kill9();
                assertEquals(0, balance.incrementAndGet(), "the increment takes the dead holder's lock over");
                try (SharedLock lock = state.lock("balance")) {
                    assertTrue(lock.previousOwnerDied(), "the explicit locker, who must repair the section, is told");
                    balance.set(100);
                }
                try (SharedLock lock = state.lock("balance")) {
                    assertFalse(lock.previousOwnerDied(), "told once: the repairing section has ended");
                }
            }
        }
    }

    @Test
    void tryLockWithoutWaitingTakesADeadOwnersLockOver() {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            try (SharedState state = SharedState.open(dir)) {
                state.longValue("balance");
                assertTrue(state.tryLock("balance", Duration.ZERO).isEmpty(), "held by a live process");
                holder.kill9();
                holder.waitFor(Duration.ofSeconds(30));
                Optional<SharedLock> lock = state.tryLock("balance", Duration.ZERO);
                assertTrue(lock.isPresent(), "Python's acquire(block=False) of a dead owner's lock succeeds");
                assertTrue(lock.get().previousOwnerDied());
                lock.get().close();
            }
        }
    }

    @Test
    void locksAndHandlesOfAClosedStoreSaySoInsteadOfReadingUnmappedMemory() {
        SharedState state = SharedState.open(dir);
        SharedLong value = state.longValue("v", 0);
        SharedLock lock = state.lock("v");
        lock.unlock();
        state.close();
        System.gc();
        assertThrows(StoreClosedException.class, lock::isHeldByCurrentThread);
        assertThrows(StoreClosedException.class, lock::holdCount);
        assertThrows(StoreClosedException.class, lock::previousOwnerDied);
        assertThrows(StoreClosedException.class, value::isValid);
        assertThrows(StoreClosedException.class, value::get);
    }
}
