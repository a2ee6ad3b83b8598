package io.sharedstate;

import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreMaintenance;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.StallWatchdog;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processes killed at any instant while they create, remove, look up and lock keys (so often inside a Chronicle Map
 * call, holding one of its segment locks) never leave the store needing {@code recover}: the survivors carry on,
 * never held up for a second, and repair the map in place; {@code verify} then passes.
 */
@Isolated
class ChronicleDeathTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WORKERS = 3;
    private static final int KILLS = 30;
    private static final int KEYS = 12;
    private static final long MAX_STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    @Test
    void processesKilledInsideChronicleCallsNeverStopTheOthers() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("churn.0", 0);
        }
        Random random = new Random(7);
        List<JavaProcess> live = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong worstNanos = new AtomicLong();
        AtomicLong operations = new AtomicLong();
        ExecutorService survivor = Executors.newSingleThreadExecutor();
        try (SharedState state = SharedState.open(dir)) {
            Future<String> churn = survivor.submit(() -> churn(state, stop, worstNanos, operations));
            for (int i = 0; i < WORKERS; i++) {
                live.add(startChurner());
            }
            // The oldest churner dies once it is at work; its replacement starts at once and the others churn on
            // meanwhile, so the kills do not wait one after the other for a JVM to start.
            for (int kill = 0; kill < KILLS; kill++) {
                JavaProcess victim = live.remove(0);
                victim.awaitLine("ready", TIMEOUT);
                Thread.sleep(20 + random.nextInt(150));
                victim.kill9();
                live.add(startChurner());
            }
            long before = operations.get();
            awaitProgress(operations, before);
            stop.set(true);
            String stalls = churn.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            live.forEach(JavaProcess::kill9);
            assertTrue(worstNanos.get() < MAX_STALL_NANOS, "an operation of the survivor took "
                    + TimeUnit.NANOSECONDS.toMillis(worstNanos.get()) + " ms; where it waited:\n" + stalls);
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), () -> "the journal catches up: "
                    + state.statistics() + "\n" + ((io.sharedstate.journal.ChronicleJournal) state.journal())
                    .stagingReport());
            ChronicleSharedState chronicle = (ChronicleSharedState) state;
            chronicle.maintainNow();
            StoreMaintenance.VerifyReport report = StoreMaintenance.verify(chronicle);
            assertTrue(report.ok(), "verify: " + report.problems());
            assertTrue(state.statistics().problems().isEmpty(), "no problem left: " + state.statistics().problems());
            assertTrue(chronicle.stats().indexRecoveries() > 0, "some kills landed inside a Chronicle call "
                    + "(otherwise this test proves nothing): " + chronicle.stats().indexRecoveries());
        } finally {
            survivor.shutdownNow();
            live.forEach(JavaProcess::close);
        }
        try (SharedState state = SharedState.open(dir)) {
            assertTrue(state.names().contains("churn.ops." + ProcessHandle.current().pid())
                    || !state.names().isEmpty(), "the store opens and lists its keys");
        }
    }

    @Test
    void sixtyProcessesOpeningOneNewStoreAtOnceAllSucceed() {
        int processes = 60;
        List<JavaProcess> children = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                children.add(JavaProcess.start(Worker.class, "open", dir));
            }
            for (JavaProcess child : children) {
                String line = child.nextLine(Duration.ofMinutes(3));
                child.waitFor(TIMEOUT);
                assertTrue(line.startsWith("opened"), () -> line + "\n" + child.describe());
                child.awaitSuccess(TIMEOUT);
            }
        } finally {
            children.forEach(JavaProcess::close);
        }
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(0, state.statistics().processes().stream().filter(p -> !p.alive()).count(),
                    "every process closed cleanly");
        }
    }

    private JavaProcess startChurner() {
        return JavaProcess.start(Worker.class, "churn", dir, KEYS, -1);
    }

    private static void awaitProgress(AtomicLong operations, long before) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (operations.get() < before + 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(operations.get() >= before + 1_000, "the survivor goes on after the last kill");
    }

    /** The survivor: creates, changes, locks and removes keys, timing every operation. */
    private static String churn(SharedState state, AtomicBoolean stop, AtomicLong worstNanos,
                                AtomicLong operations) {
        Random random = new Random();
        try (StallWatchdog watchdog = StallWatchdog.watchCurrentThread(300)) {
            while (!stop.get()) {
                watchdog.begin();
                churnOnce(state, random, worstNanos);
                watchdog.end();
                operations.incrementAndGet();
            }
            return watchdog.report();
        }
    }

    private static void churnOnce(SharedState state, Random random, AtomicLong worstNanos) {
        {
            String name = "churn." + random.nextInt(KEYS);
            long start = System.nanoTime();
            try {
                switch (random.nextInt(4)) {
                    case 0:
                        state.remove(name);
                        break;
                    case 1:
                        try (SharedLock lock = state.lock(name)) {
                            SharedLong value = state.longValue(name, 0);
                            value.set(value.get() + 1);
                        }
                        break;
                    case 2:
                        state.names("churn.");
                        break;
                    default:
                        state.longValue(name, 0).incrementAndGet();
                }
            } catch (NoSuchKeyException | KeyRemovedException expected) {
                // another process removed the key meanwhile
            }
            worstNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        }
    }
}
