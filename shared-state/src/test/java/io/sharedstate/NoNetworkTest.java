package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.NetworkProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library makes no network traffic: Chronicle's usage reporting (Google Analytics) is switched off before
 * any Chronicle class loads. Chronicle mutes it by itself when JUnit is on the classpath, so the children here
 * run without JUnit, as a user's service would; a control run shows the probe does see the reporting.
 */
class NoNetworkTest {
    private static final String SETTLE_MILLIS = "3000";

    @TempDir
    Path dir;

    @Test
    void usingTheLibraryMakesNoNetworkRequestAndWritesNothingToTheHomeDirectory() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        // Even asked on the command line to report usage, the library switches reporting off itself.
        String output = probe(home, List.of("-Dchronicle.analytics.disable=false"), "library");
        assertEquals("attempts 0 []", output);
        assertEquals(List.of(), analyticsFiles(home), "no analytics client id in the home directory");
    }

    @Test
    void theProbeSeesChronicleReportingUsageWhenItIsNotSwitchedOff() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        String output = probe(home, List.of("-Dchronicle.analytics.disable=false"), "raw-chronicle");
        assertTrue(!output.startsWith("attempts 0"), "control run: " + output);
        assertTrue(!analyticsFiles(home).isEmpty(), "control run leaves Chronicle's analytics client id");
    }

    private String probe(Path home, List<String> extraOptions, String mode) throws IOException {
        Files.createDirectories(dir.resolve(mode));
        List<String> options = new java.util.ArrayList<>(extraOptions);
        options.add("-Duser.home=" + home);
        options.add("-Djava.security.manager=allow");
        try (JavaProcess child = JavaProcess.startWithClasspath(classpathWithoutJUnit(), options, NetworkProbe.class,
                mode, dir.resolve(mode), SETTLE_MILLIS)) {
            String line = child.awaitLine("attempts", Duration.ofSeconds(60));
            child.waitFor(Duration.ofSeconds(30));
            return line;
        }
    }

    private static String classpathWithoutJUnit() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("junit") && !entry.contains("opentest4j")
                        && !entry.contains("apiguardian") && !entry.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> analyticsFiles(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.contains("analytics"))
                    .collect(Collectors.toList());
        }
    }
}
