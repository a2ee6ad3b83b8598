package io.sharedstate.demo;

import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo race}: get-then-set loses updates between processes, incrementAndGet loses none. */
@Isolated
class RaceIT {
    @TempDir
    Path dir;

    @Test
    void theNonAtomicRunLosesUpdatesAndTheAtomicRunIsExact() {
        DemoRun run = DemoRun.run(Duration.ofSeconds(90), "race", "--dir", dir);

        run.assertPassed(1);
        long[] lossy = Numbers.parse(run.line("non-atomic: total"),
                "total ([\\d,]+) of ([\\d,]+) expected, ([\\d,]+) updates lost");
        assertEquals(2_000_000, lossy[1], run::toString);
        assertTrue(lossy[2] > 0, () -> "the non-atomic run lost no update:\n" + run);
        assertEquals(lossy[1], lossy[0] + lossy[2]);
        long[] atomic = Numbers.parse(run.line("atomic:     total"), "total ([\\d,]+) of ([\\d,]+) expected, ([\\d,]+) lost");
        assertEquals(2_000_000, atomic[0]);
        assertEquals(0, atomic[2]);
        assertTrue(run.line("PASS  race").endsWith("expected 2,000,000, got 2,000,000"), run::toString);

        try (SharedState state = SharedState.builder(dir).readOnly().open()) {
            assertEquals(lossy[0], state.value(RaceScenario.LOSSY).getAsLong());
            assertEquals(2_000_000, state.value(RaceScenario.ATOMIC).getAsLong());
        }
    }
}
