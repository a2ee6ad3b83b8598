package io.sharedstate.store;

import io.sharedstate.SharedDoubleArray;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.Subscription;
import io.sharedstate.journal.ChronicleJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal retention, with a one-second roll cycle standing in for the daily one: old files are deleted, but never
 * one a live watcher still has to read.
 */
class JournalRetentionTest {
    @TempDir
    Path dir;

    @BeforeEach
    void rollEverySecond() {
        System.setProperty(ChronicleJournal.ROLL_CYCLE_PROPERTY, "TEST_SECONDLY");
    }

    @AfterEach
    void rollDaily() {
        System.clearProperty(ChronicleJournal.ROLL_CYCLE_PROPERTY);
    }

    @Test
    void oldCyclesAreDeletedButNotTheOnesALiveWatcherIsReading() throws Exception {
        try (SharedState state = SharedState.builder(dir).journalRetention(java.time.Duration.ofDays(2)).open()) {
            ChronicleJournal journal = ((ChronicleSharedState) state).store().journal();
            SharedLong value = state.longValue("v", 0);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong seen = new AtomicLong();
            try (Subscription slowWatcher = state.watch("v", event -> {
                awaitQuietly(release);
                seen.incrementAndGet();
            })) {
                int writes = writeOverSeconds(value, 5);
                List<String> before = cycleFiles();
                assertTrue(before.size() >= 5, "files: " + before);
                assertEquals(0, journal.enforceRetention(), "the watcher still needs the oldest file");
                assertEquals(before, cycleFiles());

                release.countDown();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (seen.get() < writes && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(writes, seen.get(), "the watcher read every event, none deleted under it");
                Thread.sleep(50);
                // Retention also runs by itself whenever a writer or reader moves to a new file.
                journal.enforceRetention();
                assertTrue(cycleFiles().size() <= 3, "kept " + cycleFiles() + " of " + before);
                try (Stream<io.sharedstate.ChangeEvent> events = state.journal().events()) {
                    assertTrue(events.count() > 0, "what is left is readable");
                }
            }
        }
    }

    @Test
    void theJournalIsCappedInBytesKeepingTheNewestCycles() throws Exception {
        try (SharedState state = SharedState.builder(dir).maxArrayLength(16_384).journalRetention(java.time.Duration.ofDays(1_000))
                .journalRetentionBytes(1L << 20).open()) {
            ChronicleJournal journal = ((ChronicleSharedState) state).store().journal();
            SharedDoubleArray big = state.doubleArray("big", 16_384);
            for (int second = 0; second < 4; second++) {
                long end = System.currentTimeMillis() / 1000 * 1000 + 1000;
                for (int i = 0; i < 6; i++) {
                    big.fill(i);
                }
                Thread.sleep(Math.max(0, end - System.currentTimeMillis()) + 20);
            }
            big.fill(9);
            journal.enforceRetention();
            // About 3 MiB were written; the cap keeps 1 MiB plus the current file, never deleted.
            assertTrue(journal.bytesOnDisk() <= (2L << 20), "near the cap: " + journal.bytesOnDisk());
            assertEquals(9.0, big.get(0));
            try (Stream<io.sharedstate.ChangeEvent> events = state.journal().events()) {
                io.sharedstate.ChangeEvent last = events.reduce((first, second) -> second).orElseThrow();
                assertEquals(9.0, last.values().get(0), "the newest events are kept");
            }
        }
    }

    private static int writeOverSeconds(SharedLong value, int seconds) throws InterruptedException {
        int writes = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L + 200_000_000L;
        while (System.nanoTime() < end) {
            value.incrementAndGet();
            writes++;
            Thread.sleep(100);
        }
        return writes;
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".cq4")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
