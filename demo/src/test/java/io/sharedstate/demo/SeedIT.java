package io.sharedstate.demo;

import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo seed}: the four Python examples, run in worker processes by the packaged jar. */
class SeedIT {
    @TempDir
    Path dir;

    @Test
    void runsTheFourPythonExamplesInWorkerProcessesPassesEachAndLeavesTheValuesInTheStore() {
        Path store = dir.resolve("seed");
        DemoRun run = DemoRun.run(Duration.ofSeconds(120), "seed", "--dir", store);

        run.assertPassed(4);
        assertEquals(4, run.lines("PASS  example ").size(), run::toString);
        assertTrue(run.line("PASS  example 1").endsWith("expected 2, got 2"), run::toString);
        assertTrue(run.line("PASS  example 2").endsWith("expected 1 [0.0, 3.0, 2.0], got 1 [0.0, 3.0, 2.0]"));
        assertTrue(run.line("PASS  example 3").endsWith("expected 10, got 10"));
        assertTrue(run.line("PASS  example 4").endsWith("got [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"));
        assertTrue(run.output().contains("with v.get_lock():"), "the Python code is printed");
        assertTrue(run.output().contains("s.intValue(\"ex1.v\").incrementAndGet();"), "beside the Java code");
        assertEquals(4, run.lines("  ran ").size(), "each example reports its worker processes");
        assertTrue(run.output().contains("store left in " + store), run::toString);

        try (SharedState state = SharedState.builder(store).readOnly().open()) {
            assertEquals(2, state.value("ex1.v").getAsLong());
            assertEquals(1, state.value("ex2.num").getAsLong());
            assertArrayEquals(new Number[] {0.0, 3.0, 2.0}, state.array("ex2.arr").toArray());
            assertEquals(10, state.value("ex3.counter").getAsLong());
            assertArrayEquals(new Number[] {1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L}, state.array("ex4.slots").toArray());
        }
    }
}
