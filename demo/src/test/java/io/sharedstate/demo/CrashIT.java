package io.sharedstate.demo;

import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo crash}: workers killed with kill -9 lose no acknowledged increment and stall nobody. */
class CrashIT {
    @TempDir
    Path dir;

    @Test
    void killingWorkersLosesNoAcknowledgedIncrementAndStallsNoSurvivor() {
        DemoRun run = DemoRun.run(Duration.ofSeconds(120), "crash", "--procs", 2, "--kills", 3, "--dir", dir);

        run.assertPassed(2);
        assertEquals(3, run.lines("  kill -9 worker").size(), run::toString);
        long[] totals = Numbers.parse(run.line("PASS  crash, final total"),
                "total ([\\d,]+) = acknowledged ([\\d,]+) \\+ ([\\d,]+) in flight");
        assertTrue(totals[1] > 0 && totals[2] <= 3, run::toString);
        run.line("longest stall any worker saw:");
        run.line("dead owners' locks taken over (lock recoveries):");

        try (SharedState state = SharedState.builder(dir).readOnly().open()) {
            long total = state.value(CrashScenario.COUNTER).getAsLong();
            long acknowledged = Stream.of(state.array(CrashScenario.ACKS).toArray()).mapToLong(Number::longValue).sum();
            assertEquals(totals[0], total);
            assertEquals(totals[1], acknowledged);
            assertEquals(5, state.array(CrashScenario.ACKS).length(), "2 workers and 3 replacements");
        }
    }
}
