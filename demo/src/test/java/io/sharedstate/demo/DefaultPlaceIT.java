package io.sharedstate.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scenario run without {@code --dir} puts its store under {@code ${java.io.tmpdir}/shared-state-demo} and removes
 * it once every check passed. Every scenario shares that handling; {@code watch} is the quickest to run.
 */
class DefaultPlaceIT {
    @TempDir
    Path dir;

    @Test
    void aStoreInTheDefaultPlaceIsRemovedWhenEveryCheckPassed() throws Exception {
        DemoRun run = DemoRun.runWith(List.of("-Djava.io.tmpdir=" + dir), Duration.ofSeconds(90), "watch",
                "--rounds", 2, "--pause", 10);

        run.assertPassed(2);
        assertTrue(run.output().contains("store removed: every check passed (--dir DIR keeps it)"), run::toString);
        try (Stream<Path> left = Files.list(dir.resolve("shared-state-demo"))) {
            assertEquals(List.of(), left.toList(), "the store was removed");
        }
    }
}
