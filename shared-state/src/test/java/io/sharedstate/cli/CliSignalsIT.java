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
            Thread.sleep(1_000);
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
    void aDumpInterruptedWhileRunningEndsCleanlyBetweenSegments() throws Exception {
        try (Cli.Started dump = Cli.start(tmp, List.of(), "dump", dir, "--json")) {
            Lines out = new Lines(dump.process().getInputStream());
            Lines err = new Lines(dump.process().getErrorStream());
            assertTrue(out.next(java.time.Duration.ofSeconds(20)).startsWith("{\"store\""));
            dump.signal("INT");
            assertTrue(dump.process().waitFor(10, TimeUnit.SECONDS));
            int status = dump.process().exitValue();
            Thread.sleep(200);
            if (status == 130) {
                assertTrue(out.all().endsWith("\"complete\":false}\n"), "a complete JSON document, marked so");
                assertTrue(err.all().contains("interrupted: the output ends after"), err::all);
            } else {
                assertEquals(0, status, "finished before the signal: " + err.all());
            }
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.all());
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
}
