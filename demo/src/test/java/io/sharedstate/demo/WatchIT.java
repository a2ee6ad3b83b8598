package io.sharedstate.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo watch}: a watching process sees, live, every change two other processes make. */
class WatchIT {
    @TempDir
    Path dir;

    @Test
    void theWatcherPrintsEveryChangeTheWritersMake() {
        DemoRun run = DemoRun.run(Duration.ofSeconds(90), "watch", "--rounds", 4, "--pause", 50, "--dir", dir);

        run.assertPassed(2);
        assertEquals(16, run.lines("  [writer ").stream().filter(line -> line.contains("] wrote watch.")).count(),
                run::toString);
        assertEquals(16, run.lines("  [watcher] saw watch.").size(), run::toString);
        assertEquals(8, run.lines("  [watcher] saw watch.counter += 1").size(), run::toString);
        assertTrue(run.line("PASS  watch, changes the watcher saw").matches(
                "PASS  watch, changes the watcher saw: expected 16 \\(.*acknowledged 16\\), got 16"), run::toString);
        for (int value = 1; value <= 8; value++) {
            run.line("[watcher] saw watch.counter += 1 -> " + value + " ");
        }
    }
}
