package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether a lock's owner is alive is decided by an OS lock the kernel releases when the owner dies, so it holds
 * where a pid says nothing: an owner in another PID namespace (as in a container sharing a volume), an owner left a
 * zombie by its parent. A live owner is never taken over, however long its section; a dead one within a second.
 */
@Isolated
class LivenessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> OWN_PID_NAMESPACE = List.of("unshare", "-p", "-f", "--mount-proc");
    private static final long SECTION_MILLIS = 3_000;

    @TempDir
    Path dir;

    @Test
    void aLiveOwnerInAnotherPidNamespaceIsNeverTakenOver() throws Exception {
        assumeNamespacesWork();
        seed(1);
        try (JavaProcess holder = JavaProcess.startUnder(OWN_PID_NAMESPACE, Worker.class, "slow-locked-increment",
                dir, "k", SECTION_MILLIS);
             SharedState state = SharedState.open(dir)) {
            assertEquals("locked previousOwnerDied=false", holder.awaitLine("locked", TIMEOUT));
            SharedLong k = state.longValue("k");
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                try (SharedLock lock = state.lock("k")) {
                    assertFalse(lock.previousOwnerDied(), "the owner was alive");
                    long read = k.get();
                    k.set(read + 1);
                    return read + 1;
                }
            });
            assertEquals("wrote 2", holder.awaitLine("wrote", TIMEOUT), "the holder finished its section");
            assertEquals(3, waiter.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "no update lost");
            holder.awaitSuccess(TIMEOUT);
            assertEquals(0, state.statistics().lockRecoveries(), "nobody took a live owner's lock over");
        }
    }

    @Test
    void anOwnerKilledInAnotherPidNamespaceIsTakenOverWithinASecond() throws Exception {
        assumeNamespacesWork();
        seed(1);
        try (JavaProcess holder = JavaProcess.startUnder(OWN_PID_NAMESPACE, Worker.class, "slow-locked-increment",
                dir, "k", 600_000);
             SharedState state = SharedState.open(dir)) {
            holder.awaitLine("locked", TIMEOUT);
            holder.kill9Java();
            assertTakenOverWithinASecond(state);
        }
    }

    @Test
    void anOwnerLeftAZombieIsTakenOverWithinASecond() throws Exception {
        seed(1);
        try (JavaProcess holder = JavaProcess.startUnder(JavaProcess.zombieParent(), Worker.class,
                "slow-locked-increment", dir, "k", 600_000);
             SharedState state = SharedState.open(dir)) {
            holder.awaitLine("locked", TIMEOUT);
            long pid = holder.javaPid().pid();
            holder.kill9Java();
            assertTrue(JavaProcess.isZombie(pid), "the killed owner is a zombie, its pid still taken");
            assertTakenOverWithinASecond(state);
        }
    }

    private static void assertTakenOverWithinASecond(SharedState state) {
        long start = System.nanoTime();
        try (SharedLock lock = state.lock("k")) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1_000, "taken over after " + millis + " ms");
            assertTrue(lock.previousOwnerDied(), "the owner died in its section");
            assertEquals(1, state.longValue("k").get(), "the dead owner never wrote");
        }
    }

    private void seed(long value) {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("k", value);
        }
    }

    private static void assumeNamespacesWork() throws Exception {
        Process probe = new ProcessBuilder(List.of("unshare", "-p", "-f", "--mount-proc", "true"))
                .redirectErrorStream(true).start();
        boolean done = probe.waitFor(30, TimeUnit.SECONDS);
        String output = new String(probe.getInputStream().readAllBytes());
        assumeTrue(done && probe.exitValue() == 0, "skipped: this machine refuses a PID namespace (unshare -p -f "
                + "--mount-proc needs root or user namespaces): " + output.strip());
    }
}
