package io.sharedstate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help, version, usage errors, and a run with no JVM option at all. */
class CliBasicsIT {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndTheExitStatuses() {
        Cli.Result help = Cli.run(dir, "--help").assertOk();
        for (String command : new String[] {"dump", "get", "set", "incr", "rm", "stat", "locks", "watch", "journal",
                "verify", "recover"}) {
            assertTrue(help.stdout().contains("\n  " + command + " "), () -> command + " missing: " + help);
        }
        assertTrue(help.stdout().contains("Exit status: 0 success, 1 verify found a problem, 2 bad usage"), help::toString);
        assertTrue(!help.stdout().contains("cds-training"), "the training command is hidden");
        Cli.run(dir, "dump", "--help").assertOk();
    }

    @Test
    void versionNamesTheRelease() {
        Cli.Result version = Cli.run(dir, "--version").assertOk();
        assertTrue(version.stdout().startsWith("shared-state 0.1.0-SNAPSHOT"), version::toString);
    }

    @Test
    void badUsageIsOneLineAndStatusTwo() {
        Cli.run(dir).assertUserError("Missing required subcommand", "--help");
        Cli.run(dir, "frob").assertUserError("unknown command 'frob'", "dump, get, set");
        Cli.run(dir, "get").assertUserError("Missing required parameters: 'DIR', 'KEY'");
        Cli.run(dir, "dump", dir, "--bogus").assertUserError("Unknown option: '--bogus'");
        Cli.run(dir, "journal", dir, "--since", "yesterday").assertUserError("'yesterday' is neither a time");
        Cli.run(dir, "journal", dir, "--since", "2026-03-01T12:00").assertUserError("has no time zone");
    }

    @Test
    void theJarRunsWithoutAnyJvmOptionAndWithoutChronicleNoise() {
        Samples.create(dir.resolve("s"));
        Cli.Result get = Cli.runBare(dir, "get", dir.resolve("s"), "hits").assertOk();
        assertEquals("5\n", get.stdout());
        assertEquals("", get.stderr(), "no log lines, no analytics, no banner");
        Cli.assertNoCrashFiles(dir);
    }
}
