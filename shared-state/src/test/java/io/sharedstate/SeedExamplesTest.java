package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Python examples the project replaces, translated: each runs real OS processes on one store. */
class SeedExamplesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /**
     * <pre>
     * def f(v):
     *     with v.get_lock(): v.value += 1
     * v = Value('i', 0); two Processes run f  →  v.value == 2
     * </pre>
     */
    @Test
    void twoProcessesIncrementingOneValueGiveTwo() {
        runAll(List.of(
                JavaProcess.start(Worker.class, "increment-typed", dir, "v", 'i', 1),
                JavaProcess.start(Worker.class, "increment-typed", dir, "v", 'i', 1)));
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(2, state.intValue("v").get());
        }
    }

    /**
     * <pre>
     * num = Value('d', 0.0); arr = Array('d', [0.0, 1.0, 2.0])
     * one process: num.value += 1; another: arr[1] = 3.0  →  1.0 and [0.0, 3.0, 2.0]
     * </pre>
     */
    @Test
    void aValueAndAnArrayChangedByTwoProcesses() {
        runAll(List.of(
                JavaProcess.start(Worker.class, "increment-typed", dir, "num", 'd', 1),
                JavaProcess.start(Worker.class, "set-double-element", dir, "arr", 1, 3.0)));
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(1.0, state.doubleValue("num").get());
            assertArrayEquals(new double[] {0.0, 3.0, 2.0}, state.doubleArray("arr", 3).toArray());
        }
    }

    /** Ten processes each increment one counter once: 10. */
    @Test
    void tenProcessesIncrementingACounterGiveTen() {
        List<JavaProcess> processes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            processes.add(JavaProcess.start(Worker.class, "increment-typed", dir, "counter", 'i', 1));
        }
        runAll(processes);
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(10, state.intValue("counter").get());
        }
    }

    /** Ten processes each increment their own slot of a 10-long array: ten 1s. */
    @Test
    void tenProcessesEachIncrementingTheirOwnSlot() {
        List<JavaProcess> processes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            processes.add(JavaProcess.start(Worker.class, "increment-element", dir, "slots", 10, i, 1));
        }
        runAll(processes);
        try (SharedState state = SharedState.open(dir)) {
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, state.longArray("slots", 10).toArray());
        }
    }

    private static void runAll(List<JavaProcess> processes) {
        try {
            for (JavaProcess process : processes) {
                process.awaitSuccess(TIMEOUT);
            }
        } finally {
            processes.forEach(JavaProcess::close);
        }
    }
}
