package io.sharedstate;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The process that moves journal events into the journal files (the drainer) is killed while it appends, with
 * writers going flat out: the writers never wait for it, another process takes over within a second, whatever the
 * dead drainer looks like from here (a zombie, or a pid of another PID namespace, which Chronicle Queue's own write
 * lock would take for alive), and the journal stays whole: every event readable, each key's events in order.
 */
@Isolated
class DrainerCrashTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WRITERS = 2;
    private static final long TAKEOVER_MILLIS = 1_000;

    @TempDir
    Path dir;

    @Test
    void aDrainerKilledMidAppendAndLeftAZombieIsReplacedWithinASecond() throws Exception {
        killTheDrainer(JavaProcess.zombieParent());
    }

    @Test
    void aDrainerKilledInAnotherPidNamespaceIsReplacedWithinASecond() throws Exception {
        Process probe = new ProcessBuilder("unshare", "-p", "-f", "--mount-proc", "true").redirectErrorStream(true)
                .start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "skipped: this machine refuses a PID namespace");
        killTheDrainer(List.of("unshare", "-p", "-f", "--mount-proc"));
    }

    private void killTheDrainer(List<String> prefix) throws Exception {
        int slots = WRITERS;
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("counter", 0);
            state.longArray("counter.acks", slots);
            state.withJournal(JournalMode.OFF).longArray("counter.stalls", slots);
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT));
        }
        try (JavaProcess drainer = JavaProcess.startUnder(prefix, Worker.class, "drain", dir)) {
            drainer.awaitLine("ready", TIMEOUT);
            try (SharedState state = SharedState.open(dir)) {
                long drainerPid = drainer.javaPid().pid();
                awaitDrainer(state, pid -> pid != 0);
                JavaProcess[] writers = new JavaProcess[WRITERS];
                try {
                    for (int slot = 0; slot < WRITERS; slot++) {
                        writers[slot] = JavaProcess.start(Worker.class, "crash-worker", dir, "counter", slot, slots);
                        writers[slot].awaitLine("ready", TIMEOUT);
                    }
                    int before = state.statistics().journal().drainerPid();
                    // Takeover is measured on the journal files themselves, not through a watcher: under flat-out
                    // writers a watcher lags behind the drainer, and measures its own lag.
                    awaitJournalGrowing(state);
                    drainer.kill9Java();
                    long killedAt = System.nanoTime();
                    awaitDead(drainerPid);
                    if (prefix.equals(JavaProcess.zombieParent())) {
                        assertTrue(JavaProcess.isZombie(drainerPid), "the dead drainer is a zombie");
                    }
                    long lastOfTheDead = state.journal().lastSequence();
                    long deadline = killedAt + TimeUnit.SECONDS.toNanos(30);
                    while (state.journal().lastSequence() == lastOfTheDead && System.nanoTime() < deadline) {
                        // not a spin: on two cores a spinning observer would slow down the takeover it measures
                        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                    long gapMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                    assertTrue(state.journal().lastSequence() != lastOfTheDead && gapMillis < TAKEOVER_MILLIS,
                            "events reached the journal again " + gapMillis + " ms after the drainer died (the "
                                    + "drainer was pid " + before + "); the writers said:\n" + stderrOf(writers));
                } finally {
                    for (JavaProcess writer : writers) {
                        if (writer != null) {
                            writer.kill9();
                        }
                    }
                }
                long[] stalls = state.longArray("counter.stalls", slots).toArray();
                for (long stall : stalls) {
                    assertTrue(stall < 1_000_000, "a writer waited " + stall + " µs");
                }
                assertTrue(state.journal().awaitCaughtUp(TIMEOUT), () -> "the journal catches up: "
                        + state.statistics() + "\n" + ((io.sharedstate.journal.ChronicleJournal) state.journal())
                        .stagingReport());
                try {
                    assertOrderedAndWhole(state);
                } catch (AssertionError | RuntimeException e) {
                    if (System.getProperty("debug.keep") != null) {
                        new ProcessBuilder("cp", "-a", dir.toString(), System.getProperty("debug.keep")).start()
                                .waitFor();
                    }
                    throw e;
                }
            }
        }
    }

    /** Every event of the counter follows from the one before: ADD its delta, others set the value whole. */
    private static void assertOrderedAndWhole(SharedState state) {
        long[] previous = {Long.MIN_VALUE};
        long[] count = {0};
        java.util.ArrayDeque<ChangeEvent> recent = new java.util.ArrayDeque<>();
        try (Stream<ChangeEvent> events = state.journal().events()) {
            events.filter(event -> event.key().equals("counter") || event.operation() == Operation.GAP).forEach(event -> {
                recent.addLast(event);
                if (recent.size() > 6) {
                    recent.removeFirst();
                }
                if (event.operation() == Operation.GAP) {
                    return;
                }
                long value = event.value().longValue();
                if (event.operation() == Operation.ADD) {
                    assertTrue(previous[0] != Long.MIN_VALUE, "an ADD before the creation");
                    assertEquals(previous[0] + event.delta().longValue(), value, () -> "event " + event.sequence()
                            + "; the last events: " + recent);
                }
                previous[0] = value;
                count[0]++;
            });
        }
        assertTrue(count[0] > 1_000, "events: " + count[0]);
        assertNotNull(state.longValue("counter"));
        assertEquals(state.longValue("counter").get(), previous[0], "the journal ends at the counter's value");
    }

    private static void awaitDrainer(SharedState state, java.util.function.IntPredicate condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.test(state.statistics().journal().drainerPid())) {
            assertTrue(System.nanoTime() < deadline, "no drainer");
            Thread.onSpinWait();
        }
    }

    private static String stderrOf(JavaProcess[] processes) {
        StringBuilder text = new StringBuilder();
        for (JavaProcess process : processes) {
            if (process != null) {
                String err = process.stderr();
                text.append("--- pid ").append(process.pid()).append('\n')
                        .append(err.substring(Math.max(0, err.length() - 4_000)));
            }
        }
        return text.toString();
    }

    private static void awaitJournalGrowing(SharedState state) {
        long start = state.journal().lastSequence();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (state.journal().lastSequence() == start) {
            assertTrue(System.nanoTime() < deadline, "no event reached the journal");
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Waits until the process is gone or a zombie: only then has it stopped appending. */
    private static void awaitDead(long pid) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (JavaProcess.isRunning(pid)) {
            assertTrue(System.nanoTime() < deadline, "pid " + pid + " survived kill -9");
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
