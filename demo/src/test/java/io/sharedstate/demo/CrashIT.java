package io.sharedstate.demo;

import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo crash}, the short crash soak: 30 kills of workers that increment, lock, set, create and remove keys
 * lose no acknowledged work, stall nobody and leave a store that verifies without {@code recover}.
 */
@Isolated
class CrashIT {
    private static final int KILLS = 30;

    @TempDir
    Path dir;

    @Test
    void killingWorkersLosesNoAcknowledgedWorkStallsNoSurvivorAndNeedsNoRecover() {
        DemoRun run = DemoRun.run(Duration.ofSeconds(300), "crash", "--procs", 3, "--kills", KILLS, "--dir", dir);

        run.assertPassed(4);
        assertEquals(KILLS, run.lines("  kill -9 worker").size(), run::toString);
        long[] totals = Numbers.parse(run.line("PASS  crash, final total"),
                "total ([\\d,]+) = acknowledged ([\\d,]+) \\+ ([\\d,]+) in flight at a kill; cells ([\\d,]+) = "
                        + "acknowledged ([\\d,]+) \\+ ([\\d,]+) in flight");
        assertTrue(totals[1] > 0 && totals[4] > 0 && totals[2] + totals[5] <= KILLS, run::toString);
        run.line("PASS  crash, the live store verifies without recover");
        run.line("PASS  crash, churned keys left by killed workers");
        run.line("longest stall any worker saw:");
        run.line("dead owners' locks taken over (lock recoveries):");

        try (SharedState state = SharedState.builder(dir).readOnly().open()) {
            long total = state.value(CrashScenario.COUNTER).getAsLong();
            long acknowledged = Stream.of(state.array(CrashScenario.ACKS).toArray()).mapToLong(Number::longValue).sum();
            assertEquals(totals[0], total);
            assertEquals(totals[1], acknowledged);
            assertEquals(3 + KILLS, state.array(CrashScenario.ACKS).length(), "3 workers and their replacements");
            assertEquals(java.util.Set.of(), state.names(CrashScenario.CHURN_PREFIX), "leftovers were removed");
        }
    }
}
