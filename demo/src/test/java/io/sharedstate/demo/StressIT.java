package io.sharedstate.demo;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo stress}: N processes x M increments, exact totals and a time per increment. */
class StressIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void twoProcessesTimesTwentyThousandIncrementsOfOneCounterAreExact() {
        DemoRun run = DemoRun.run(TIMEOUT, "stress", "--procs", 2, "--ops", 20_000, "--dir", dir);

        run.assertPassed(1);
        assertTrue(run.line("PASS  stress").contains("expected total 40,000, got 40,000; every target exact"),
                run::toString);
        long[] nanos = Numbers.parse(run.line("aggregate:"), "aggregate: ([\\d,]+) ns per increment");
        assertTrue(nanos[0] > 0, run::toString);
        assertTrue(run.line("journal on").startsWith("2 worker JVMs x 20,000 increments"), run::toString);
        try (SharedState state = SharedState.builder(dir).readOnly().open()) {
            assertEquals(40_000, state.value("stress.counter.0").getAsLong());
            assertEquals(JournalMode.ON, state.info("stress.counter.0").journal());
        }
    }

    @Test
    void incrementsSpreadOverCountersAndArrayElementsWithoutJournalAreExactPerTarget() {
        DemoRun run = DemoRun.run(TIMEOUT, "stress", "--procs", 3, "--ops", 10_001, "--keys", 5, "--journal", "off",
                "--dir", dir);

        run.assertPassed(1);
        assertTrue(run.line("PASS  stress").contains("expected total 30,003, got 30,003; every target exact"),
                run::toString);
        StressPlan plan = new StressPlan(3, 10_001, 5);
        try (SharedState state = SharedState.builder(dir).readOnly().open()) {
            Number[] slots = state.array(StressPlan.SLOTS).toArray();
            for (int t = 0; t < plan.targets(); t++) {
                long actual = (t & 1) == 0 ? state.value(StressPlan.counter(t / 2)).getAsLong()
                        : slots[t / 2].longValue();
                assertEquals(plan.expected(t), actual, plan.describe(t));
            }
            assertEquals(JournalMode.OFF, state.info("stress.counter.0").journal());
            assertEquals(2, slots.length, Arrays.toString(slots));
        }
    }
}
