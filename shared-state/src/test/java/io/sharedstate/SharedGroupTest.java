package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Services run as different Unix users who share a group and one store with group access: each sees the other's
 * values, their locks exclude each other, and a process of one user killed holding a lock is taken over by the
 * other user's process within a second, while a live one is never taken over. Liveness is an OS lock on the
 * header, which the kernel releases whoever owned the process; no signal, {@code /proc} entry or pid is needed.
 */
@Isolated
class SharedGroupTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String GROUP = "ss-team";
    private static final String ALICE = "ss-team-a";
    private static final String BOB = "ss-team-b";
    private static boolean created;

    @TempDir
    Path tmp;
    Path dir;

    @BeforeAll
    static void createUsers() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root to create users");
        removeUsers();
        created = exec("groupadd", "--system", GROUP) == 0
                && exec("useradd", "--system", "--no-create-home", "--gid", GROUP, ALICE) == 0
                && exec("useradd", "--system", "--no-create-home", "--gid", GROUP, BOB) == 0;
        assumeTrue(created, "skipped: groupadd or useradd failed");
    }

    @AfterAll
    static void deleteUsers() throws Exception {
        if (created) {
            removeUsers();
        }
    }

    @BeforeEach
    void createAGroupStore() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = tmp.resolve("store");
        try (SharedState state = SharedState.builder(dir)
                .filePermissions(PosixFilePermissions.fromString("rw-rw----")).open()) {
            state.longValue("k", 1);
        }
        assertEquals(0, exec("chown", "-R", ALICE + ":" + GROUP, dir.toString()));
    }

    @Test
    void twoUsersOfOneGroupIncrementOneKeyWithoutLosingAnUpdate() {
        try (JavaProcess alice = JavaProcess.startAs(ALICE, Worker.class, "increment", dir, "k", 20_000);
             JavaProcess bob = JavaProcess.startAs(BOB, Worker.class, "increment", dir, "k", 20_000)) {
            alice.awaitSuccess(TIMEOUT);
            bob.awaitSuccess(TIMEOUT);
        }
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(40_001, state.longValue("k").get());
        }
    }

    @Test
    void anotherUsersLiveSectionIsNeverTakenOver() {
        assertALiveSectionIsNeverTakenOver(List.of());
    }

    /** Bob cannot see Alice's process at all: no {@code /proc} entry, no pid. Her lock is hers all the same. */
    @Test
    void aLiveSectionIsNeverTakenOverByAUserWhoCannotSeeItsProcess() {
        assumeHiddenProcWorks();
        assertALiveSectionIsNeverTakenOver(JavaProcess.hiddenProc());
    }

    @Test
    void anotherUsersProcessKilledHoldingALockIsTakenOverWithinASecond() {
        assertAKilledOwnerIsTakenOverWithinASecond(List.of());
    }

    @Test
    void aProcessKilledHoldingALockIsTakenOverWithinASecondByAUserWhoCannotSeeIt() {
        assumeHiddenProcWorks();
        assertAKilledOwnerIsTakenOverWithinASecond(JavaProcess.hiddenProc());
    }

    private void assertALiveSectionIsNeverTakenOver(List<String> bobPrefix) {
        try (JavaProcess alice = JavaProcess.startAs(ALICE, Worker.class, "slow-locked-increment", dir,
                "k", 3_000)) {
            assertEquals("locked previousOwnerDied=false", alice.awaitLine("locked", TIMEOUT));
            try (JavaProcess bob = JavaProcess.startAs(bobPrefix, BOB, Worker.class, "increment", dir, "k", 1)) {
                assertEquals("wrote 2", alice.awaitLine("wrote", TIMEOUT), "alice finished her section");
                bob.awaitSuccess(TIMEOUT);
            }
            alice.awaitSuccess(TIMEOUT);
        }
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(3, state.longValue("k").get(), "no update lost");
            assertEquals(0, state.statistics().lockRecoveries(), "nobody took a live owner's lock over");
        }
    }

    private void assertAKilledOwnerIsTakenOverWithinASecond(List<String> bobPrefix) {
        try (JavaProcess alice = JavaProcess.startAs(ALICE, Worker.class, "slow-locked-increment", dir,
                "k", 600_000)) {
            alice.awaitLine("locked", TIMEOUT);
            try (JavaProcess bob = JavaProcess.startAs(bobPrefix, BOB, Worker.class, "increment", dir, "k", 1)) {
                bob.awaitLine("ready", TIMEOUT);
                long killed = System.nanoTime();
                alice.kill9Java();
                bob.awaitLine("done", TIMEOUT);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                assertTrue(millis < 1_000, "bob took the dead owner's lock over after " + millis + " ms");
                bob.awaitSuccess(TIMEOUT);
            }
        }
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(2, state.longValue("k").get(), "alice never wrote; bob's increment counted");
            assertEquals(1, state.statistics().lockRecoveries());
        }
    }

    /** Checks that Bob, under {@link JavaProcess#hiddenProc}, really sees no process of another user. */
    private static void assumeHiddenProcWorks() {
        List<String> command = new java.util.ArrayList<>(JavaProcess.hiddenProc());
        command.addAll(List.of("runuser", "-u", BOB, "--", "sh", "-c", "ls /proc | grep -c '^[0-9]'"));
        String visible;
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            visible = new String(probe.getInputStream().readAllBytes()).strip();
            probe.waitFor();
        } catch (Exception e) {
            visible = e.toString();
        }
        // Bob's sh, ls and grep: nothing of anyone else's.
        assumeTrue(visible.matches("[1-3]"), "skipped: cannot mount a hidepid=2 /proc in a mount namespace ("
                + "needs root and Linux 5.8+): " + visible);
    }

    private static void removeUsers() throws Exception {
        exec("userdel", ALICE);
        exec("userdel", BOB);
        exec("groupdel", GROUP);
    }

    private static int exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
