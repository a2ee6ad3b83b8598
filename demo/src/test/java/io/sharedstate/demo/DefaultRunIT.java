package io.sharedstate.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/shared-state demo} without a scenario: seed, a short stress run and a short crash run. */
@Isolated
class DefaultRunIT {
    @TempDir
    Path dir;

    @Test
    void runsSeedStressAndCrashWellUnderAMinuteAndPassesEveryCheck() {
        long start = System.nanoTime();
        DemoRun run = DemoRun.run(Duration.ofSeconds(120), "--dir", dir);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        run.assertPassed(9);
        assertEquals(4, run.lines("PASS  example ").size(), run::toString);
        assertEquals(1, run.lines("PASS  stress").size(), run::toString);
        assertEquals(4, run.lines("PASS  crash").size(), run::toString);
        assertTrue(run.output().endsWith("demo: all 9 checks PASS\n"), run::toString);
        for (String scenario : new String[] {"seed", "stress", "crash"}) {
            assertTrue(Files.isRegularFile(dir.resolve(scenario).resolve("values.cm3")), scenario + " store");
            run.line("store left in " + dir.resolve(scenario) + " ");
        }
        assertTrue(took.toSeconds() < 60, () -> "took " + took + ":\n" + run);
    }
}
