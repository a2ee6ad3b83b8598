package io.sharedstate.cli;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dump whose reader stalls or goes away, or that is interrupted, never leaves a Chronicle segment lock held:
 * writers that create keys (which need every segment's lock) go on at full speed meanwhile and afterwards.
 */
class CliSignalsIT {
    /** Enough keys in every segment to fill the pipe (64 KiB) and the CLI's buffer many times over. */
    private static final int KEYS = 40_000;
    /** Chronicle gives up on a segment lock after 5 s; a creation this slow means a lock was held. */
    private static final long MAX_CREATE_MILLIS = 2_000;

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void createStore() {
        dir = tmp.resolve("store");
        try (SharedState state = SharedState.builder(dir).capacity(100_000).journal(JournalMode.OFF).open()) {
            for (int i = 0; i < KEYS; i++) {
                state.longValue("key" + i, i);
            }
        }
    }

    @Test
    void aDumpWhoseReaderStallsHoldsNoLockAndEndsOnSigint() throws Exception {
        try (Cli.Started dump = Cli.start(tmp, List.of(), "dump", dir)) {
            // Nobody reads its stdout: once the pipe is full, the dump blocks writing.
            BufferedReader out = new BufferedReader(new InputStreamReader(dump.process().getInputStream(),
                    StandardCharsets.UTF_8));
            assertTrue(out.readLine().startsWith("KEY "), "the dump has started");
            awaitPipeFull(dump.process());
            assertTrue(dump.process().isAlive(), "blocked on its output");
            createKeysInEverySegment("during");
            dump.signal("INT");
            assertTrue(dump.process().waitFor(Signals.GRACE_MILLIS + 5_000, TimeUnit.MILLISECONDS),
                    "a dump blocked on its output must end after SIGINT");
            assertEquals(130, dump.process().exitValue());
        }
        createKeysInEverySegment("after");
        Cli.assertNoCrashFiles(tmp);
    }

    @Test
    void aDumpInterruptedWhileRunningFinishesItsSegmentAndEndsTheJsonDocument() throws Exception {
        try (Cli.Started dump = Cli.start(tmp, List.of(), "dump", dir, "--json")) {
            BufferedReader out = new BufferedReader(new InputStreamReader(dump.process().getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first.startsWith("{\"store\""), first);
            // Stop reading: the dump soon blocks on its output, mid-way. Signal it, then read on: it must finish
            // the segment it is in, end the document and exit, well before the forced exit after the grace period.
            awaitPipeFull(dump.process());
            dump.signal("INT");
            awaitSignalHandled(dump.process().pid());
            long resumed = System.nanoTime();
            Lines rest = new Lines(out);
            Lines err = new Lines(dump.process().getErrorStream());
            assertTrue(dump.process().waitFor(10, TimeUnit.SECONDS));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed);
            assertEquals(130, dump.process().exitValue(), err::all);
            assertTrue(tookMillis < Signals.GRACE_MILLIS, "ended by itself, not forced: " + tookMillis + " ms");
            assertTrue(rest.awaitEnd(Duration.ofSeconds(30)).endsWith("\"complete\":false}\n"),
                    "a complete document");
            assertTrue(err.awaitEnd(Duration.ofSeconds(30)).startsWith("shared-state: warning: interrupted: the output ends after "), err::all);
            com.fasterxml.jackson.databind.JsonNode document =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(first + "\n" + rest.all());
            int keys = document.get("keys").size();
            assertEquals(keys, document.get("count").asInt());
            assertTrue(keys > 0 && keys < KEYS, "stopped mid-way, after " + keys + " keys");
        }
        createKeysInEverySegment("after");
    }

    @Test
    void aDumpWhoseReaderGoesAwayStopsAtOnce() throws Exception {
        try (Cli.Started dump = Cli.start(tmp, List.of(), "dump", dir)) {
            BufferedReader out = new BufferedReader(new InputStreamReader(dump.process().getInputStream(),
                    StandardCharsets.UTF_8));
            assertTrue(out.readLine().startsWith("KEY "));
            out.close();
            assertTrue(dump.process().waitFor(10, TimeUnit.SECONDS), "as with dump | head");
            assertEquals(141, dump.process().exitValue());
            assertEquals("", Cli.readAll(dump.process().getErrorStream()));
        }
        createKeysInEverySegment("after");
    }

    /** Creates keys until every segment got at least one, each within {@link #MAX_CREATE_MILLIS}. */
    private void createKeysInEverySegment(String prefix) {
        try (SharedState state = SharedState.builder(dir).journal(JournalMode.OFF).open()) {
            for (int i = 0; i < 1_000; i++) {
                long start = System.nanoTime();
                state.longValue(prefix + i, i);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertFalse(millis > MAX_CREATE_MILLIS, "creating a key took " + millis + " ms: a segment is locked");
            }
        }
    }

    /** Waits until the process's stdout pipe is full (64 KiB on Linux), so that its next write blocks. */
    private static void awaitPipeFull(Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.getInputStream().available() < 60_000) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "the output pipe never filled");
            Thread.sleep(10);
        }
    }

    /**
     * Waits until the JVM has run the signal handler, which starts the thread "shared-state-signal-exit" (the
     * kernel keeps its first 15 characters as the thread's name).
     */
    private static void awaitSignalHandled(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!threadNames(pid).contains("shared-state-si")) {
            assertTrue(System.nanoTime() < deadline, "the signal was never handled");
            Thread.sleep(5);
        }
    }

    private static java.util.Set<String> threadNames(long pid) {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(
                java.nio.file.Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    names.add(java.nio.file.Files.readString(task.resolve("comm")).trim());
                } catch (java.io.IOException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (java.io.IOException e) {
            // the process ended
        }
        return names;
    }
}
