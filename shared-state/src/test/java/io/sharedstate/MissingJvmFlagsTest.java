package io.sharedstate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sharedstate.internal.JvmOptions;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM started without the library's flags gets one exception naming each missing flag and the fix, before
 * Chronicle is touched (which used to fail one flag at a time and leave a half-made store); and the two ways the
 * guide gives of passing the options file, {@code java @jvm.options} and {@code JDK_JAVA_OPTIONS=@jvm.options}, work
 * with the file the library jar prints.
 */
class MissingJvmFlagsTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void withoutTheFlagsOpenNamesEveryMissingFlagAndCreatesNothing() {
        Path store = dir.resolve("store");
        String failure = openWith(List.of(), Map.of(), store);
        List<String> flags = requiredFlags();
        assertTrue(failure.startsWith("failed SharedStateException: this JVM lacks " + flags.size() + " of the flags"),
                failure);
        for (String flag : flags) {
            assertTrue(failure.contains(flag), () -> flag + " is not named: " + failure);
        }
        assertTrue(failure.contains("java @jvm.options") && failure.contains("JDK_JAVA_OPTIONS=@"), failure);
        assertFalse(Files.exists(store), "nothing of the store is made");
    }

    @Test
    void withSomeFlagsOnlyTheOthersAreNamed() {
        List<String> flags = requiredFlags();
        String given = flags.get(0);
        String failure = openWith(List.of(given), Map.of(), dir.resolve("store"));
        assertTrue(failure.startsWith("failed SharedStateException: this JVM lacks " + (flags.size() - 1) + " of"),
                failure);
        assertFalse(failure.contains(given), failure);
        assertTrue(failure.contains(flags.get(1)), failure);
    }

    @Test
    void theOptionsFileTheLibraryJarPrintsWorksAsAnArgumentFileAndInJdkJavaOptions() throws IOException {
        Path options = dir.resolve("jvm.options");
        try (JavaProcess print = JavaProcess.startWithoutLibraryFlags(List.of(), Map.of(), JvmOptions.class)) {
            print.awaitSuccess(TIMEOUT);
            Files.write(options, print.drainLines());
        }
        assertEquals(JvmOptions.fromLibrary(), JvmOptions.parse(Files.readString(options)));
        assertEquals("opened 0 keys", openWith(List.of("@" + options), Map.of(), dir.resolve("a")));
        assertEquals("opened 0 keys", openWith(List.of(), Map.of("JDK_JAVA_OPTIONS", "@" + options), dir.resolve("b")));
    }

    /** The flags no JVM has unless told: java.base opens and exports none of these packages to the classpath. */
    private static List<String> requiredFlags() {
        return JvmOptions.fromLibrary().stream().filter(flag -> flag.matches("--add-(opens|exports)=java\\.base/.*"))
                .toList();
    }

    /** Opens a store in a JVM given only these flags; returns its one line of outcome. */
    private static String openWith(List<String> jvmOptions, Map<String, String> environment, Path store) {
        try (JavaProcess child = JavaProcess.startWithoutLibraryFlags(jvmOptions, environment, Worker.class, "open",
                store)) {
            String outcome = child.nextLine(TIMEOUT);
            child.waitFor(TIMEOUT);
            return outcome;
        }
    }
}
