package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several processes hammering one key: no update is lost, and lock sections never interleave. */
@Isolated
class ContentionTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int PROCESSES = 4;
    private static final long INCREMENTS = 250_000;

    @TempDir
    Path dir;

    @Test
    void fourProcessesIncrementingOneKeyGiveTheExactTotal() {
        runAll(PROCESSES, i -> JavaProcess.start(Worker.class, "increment", dir, "hits", INCREMENTS));
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(PROCESSES * INCREMENTS, state.longValue("hits").get());
        }
    }

    @Test
    void fourProcessesIncrementingOneArrayElementGiveTheExactTotal() {
        runAll(PROCESSES, i -> JavaProcess.start(Worker.class, "increment-element", dir, "cells", 4, 2, INCREMENTS));
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(List.of(0L, 0L, PROCESSES * INCREMENTS, 0L),
                    List.of(state.longArray("cells", 4).get(0), state.longArray("cells", 4).get(1),
                            state.longArray("cells", 4).get(2), state.longArray("cells", 4).get(3)));
        }
    }

    @Test
    void lockedReadSleepWriteSectionsFromSeveralProcessesNeverInterleave() {
        long sections = 200;
        runAll(3, i -> JavaProcess.start(Worker.class, "locked-read-sleep-write", dir, "balance", sections, 200));
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(3 * sections, state.longValue("balance").get(), "updates lost: sections interleaved");
            assertEquals(0, state.longValue("balance.overlaps").get(), "two processes were inside at once");
        }
    }

    @Test
    void wholeArrayReadsFinishWhileAnotherProcessKeepsWritingElements() {
        // Copying a million elements takes milliseconds, during which the writer changes thousands of them.
        int length = 1 << 20;
        SharedState.builder(dir).capacity(16).maxArrayLength(length).open().close();
        try (JavaProcess writer = JavaProcess.start(Worker.class, "scribble-array", dir, "samples", length)) {
            writer.awaitLine("ready", TIMEOUT);
            try (SharedState state = SharedState.open(dir);
                 SharedState readOnly = SharedState.builder(dir).readOnly().open()) {
                SharedLongArray written = state.longArray("samples", length);
                SharedLongArray read = readOnly.longArray("samples", length);
                // Unbounded optimistic retries never end while the writer runs: these calls would not return.
                assertTimeoutPreemptively(TIMEOUT, () -> {
                    for (int i = 0; i < 5; i++) {
                        assertEquals(length, written.toArray().length);
                        assertEquals(length, read.toArray().length);
                    }
                }, "whole-array reads starve while another process writes elements");
                assertTrue(writer.isAlive(), "the writer kept writing throughout");
            }
        }
    }

    private static void runAll(int count, java.util.function.IntFunction<JavaProcess> starter) {
        List<JavaProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                processes.add(starter.apply(i));
            }
            for (JavaProcess process : processes) {
                process.awaitSuccess(TIMEOUT);
            }
        } finally {
            processes.forEach(JavaProcess::close);
        }
    }
}
