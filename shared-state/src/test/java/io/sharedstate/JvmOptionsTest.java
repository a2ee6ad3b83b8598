package io.sharedstate;

import io.sharedstate.internal.JvmOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options file the library ships lists what this very JVM (started by surefire) was given. */
class JvmOptionsTest {
    @Test
    void theShippedOptionsFileMatchesTheFlagsTheTestsRunWith() {
        List<String> shipped = JvmOptions.fromLibrary();
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertFalse(shipped.isEmpty());
        assertTrue(shipped.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), shipped.toString());
        assertTrue(shipped.contains("-Dchronicle.analytics.disable=true"), shipped.toString());
        for (String option : shipped) {
            assertTrue(running.contains(option), option + " is shipped but surefire does not pass it: " + running);
        }
    }

    @Test
    void theOptionsFileAtTheRepositoryRootIsTheOneTheBuildShips() throws IOException {
        String built = Files.readString(Path.of("target/classes/io/sharedstate/jvm.options"));
        assertEquals(built, Files.readString(Path.of("../bin/jvm.options")),
                "jvm.options is stale: copy shared-state/target/classes/io/sharedstate/jvm.options to bin/jvm.options");
    }
}
