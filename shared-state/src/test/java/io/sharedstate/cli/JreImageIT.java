package io.sharedstate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.JreImage;
import io.sharedstate.testing.Worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services run on JRE images, which have no {@code jdk.compiler}: Chronicle looks its compiler up when it loads
 * and, before shared-state handed it one that refuses to compile, every open failed there with an
 * {@code AssertionError}. Here the library (two journaled writers and a watcher) and the CLI run on such a runtime.
 */
class JreImageIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void theLibraryAndTheCliRunOnARuntimeWithoutTheCompiler() {
        Path java = JreImage.java();
        assertFalse(JreImage.modules().stream().anyMatch(module -> module.startsWith("jdk.compiler")),
                () -> "the image should have no compiler: " + JreImage.modules());
        Path store = dir.resolve("store");
        try (JavaProcess watcher = JavaProcess.startOn(java, Worker.class, "watch", store, "hits", 1);
             JavaProcess first = startWriter(java, watcher, store);
             JavaProcess second = JavaProcess.startOn(java, Worker.class, "increment", store, "hits", 1000)) {
            first.awaitSuccess(TIMEOUT);
            second.awaitSuccess(TIMEOUT);
            assertTrue(watcher.awaitLine("event ", TIMEOUT).contains(" hits "), watcher::describe);
            watcher.awaitSuccess(TIMEOUT);
            for (JavaProcess process : new JavaProcess[] {watcher, first, second}) {
                assertCleanStderr(process.stderr(), process.describe());
            }
        }
        Cli.Result get = Cli.runOn(java, dir, "get", store, "hits").assertOk();
        assertEquals("2000", get.stdout().strip(), get::toString);
        Cli.Result verify = Cli.runOn(java, dir, "verify", store).assertOk();
        assertTrue(verify.stdout().contains("OK: no problems found"), verify::toString);
        Cli.Result journal = Cli.runOn(java, dir, "journal", store).assertOk();
        assertTrue(journal.stdout().contains(" ADD "), journal::toString);
        for (Cli.Result result : new Cli.Result[] {get, verify, journal}) {
            assertCleanStderr(result.stderr(), result.toString());
        }
    }

    private static JavaProcess startWriter(Path java, JavaProcess watcher, Path store) {
        watcher.awaitLine("ready", TIMEOUT);
        return JavaProcess.startOn(java, Worker.class, "increment", store, "hits", 1000);
    }

    /** No stack trace and no "Unknown module" warning, which a flag naming jdk.compiler prints on a JRE. */
    private static void assertCleanStderr(String stderr, String what) {
        assertFalse(stderr.contains("WARNING") || stderr.contains("Exception") || stderr.contains("Error"),
                () -> "stderr should be clean: " + what);
    }
}
