package io.sharedstate.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's command line: help, and usage errors reported with exit status 2 before anything runs. */
class UsageIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void helpListsEveryScenario() {
        DemoRun run = DemoRun.run(TIMEOUT, "--help");

        assertEquals(0, run.exitStatus(), run::toString);
        for (String scenario : new String[] {"seed", "race", "stress", "crash", "watch", "cluster"}) {
            assertTrue(run.output().contains("  " + scenario + " "), () -> scenario + " in\n" + run);
        }
    }

    @Test
    void aNonEmptyDirectoryIsRefusedSoThatTotalsStayExact() throws Exception {
        Files.writeString(dir.resolve("something"), "x");

        DemoRun run = DemoRun.run(TIMEOUT, "stress", "--dir", dir);

        assertEquals(2, run.exitStatus(), run::toString);
        assertTrue(run.output().contains("is not an empty directory"), run::toString);
        assertEquals(0, run.lines("PASS").size() + run.lines("FAIL").size(), run::toString);
    }

    @Test
    void aBadOptionValueIsAUsageError() {
        DemoRun run = DemoRun.run(TIMEOUT, "stress", "--procs", 0, "--dir", dir.resolve("store"));

        assertEquals(2, run.exitStatus(), run::toString);
        assertTrue(run.output().contains("--procs must be at least 1"), run::toString);
        assertTrue(Files.notExists(dir.resolve("store")), "nothing is created");
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        DemoRun run = DemoRun.run(TIMEOUT, "bogus");

        assertEquals(2, run.exitStatus(), run::toString);
        assertTrue(run.output().contains("bogus"), run::toString);
    }
}
