package example;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedstate.SharedState;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs in Failsafe's JVM, which gets the flags from its argLine. */
class CounterIT {
    @TempDir
    Path dir;

    @Test
    void countsRunsInAnIntegrationTest() {
        Counter.main(new String[] {dir.toString()});
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(1, state.longValue("runs", 0).get());
        }
    }
}
