package io.sharedstate.cli;

import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher of the checkout, {@code bin/shared-state}, runs the packaged CLI without any JVM flag from the user,
 * also when called through a symlink in another folder. (Its build-on-first-use step is not run here: the build is
 * already running.)
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "shared-state").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theLauncherRunsTheCliAgainstAStore() throws Exception {
        try (SharedState state = SharedState.open(dir.resolve("store"))) {
            state.longValue("hits", 41);
        }
        Output version = launch("--version");
        assertEquals(0, version.status, version.text);
        assertTrue(version.text.startsWith("shared-state "), version.text);

        Output incr = launch("incr", dir.resolve("store").toString(), "hits");
        assertEquals(0, incr.status, incr.text);
        assertEquals("42", incr.text.strip());

        Output missing = launch("get", dir.resolve("store").toString(), "nope");
        assertEquals(2, missing.status, missing.text);
        assertEquals(1, missing.text.strip().lines().count(), "one line: " + missing.text);
    }

    @Test
    void theLauncherWorksThroughASymlinkInAnotherFolder() throws Exception {
        try (SharedState state = SharedState.open(dir.resolve("store"))) {
            state.longValue("hits", 7);
        }
        Path links = Files.createDirectories(dir.resolve("links"));
        Path first = Files.createSymbolicLink(links.resolve("first"), LAUNCHER);
        Path second = Files.createSymbolicLink(links.resolve("shared-state"), first);

        Output get = launchWith(second, "get", dir.resolve("store").toString(), "hits");
        assertEquals(0, get.status, get.text);
        assertEquals("7", get.text.strip());
        try (var entries = Files.list(links)) {
            assertEquals(2, entries.count(), "the launcher must build nothing in the link's folder");
        }
    }

    private static Output launch(String... args) throws IOException, InterruptedException {
        return launchWith(LAUNCHER, args);
    }

    private static Output launchWith(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SHARED_STATE_NO_BUILD", "1");
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish: " + text);
        }
        return new Output(process.exitValue(), text);
    }

    private static final class Output {
        final int status;
        final String text;

        Output(int status, String text) {
            this.status = status;
            this.text = text;
        }
    }
}
