package io.sharedstate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sharedstate.SharedState;
import io.sharedstate.testing.JreImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI distribution that {@code mvn package} makes (shared-state-VERSION-dist.tar.gz) runs, unpacked on a machine
 * with a Java runtime and nothing else: no checkout, no Maven on the PATH, a JRE without jdk.compiler, called
 * through a symlink from another folder, its class-data archive in the user's cache.
 */
class DistributionIT {
    private static final String[] TOOLS = {"bash", "env", "readlink", "dirname", "mv", "rm", "nice", "mkdir", "cksum",
            "cut"};

    @TempDir
    Path dir;
    private Path launcher;
    private Path path;

    @BeforeEach
    void unpackTheDistribution() throws Exception {
        Path tarball = Path.of(System.getProperty("cli.dist", "target/shared-state-0.1.0-SNAPSHOT-dist.tar.gz"));
        assertTrue(Files.isRegularFile(tarball), tarball + " is missing: mvn package makes it");
        Path opt = Files.createDirectories(dir.resolve("opt"));
        assertEquals(0, run(List.of("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", opt.toString()), null)
                .status);
        // Only a Java runtime and the shell tools the launcher uses: no mvn.
        path = Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(path.resolve("java"), JreImage.java());
        for (String tool : TOOLS) {
            Files.createSymbolicLink(path.resolve(tool), which(tool));
        }
        Path links = Files.createDirectories(dir.resolve("usr-local-bin"));
        launcher = Files.createSymbolicLink(links.resolve("shared-state"),
                opt.resolve("shared-state-0.1.0-SNAPSHOT/bin/shared-state"));
    }

    @Test
    void theUnpackedCliRunsOnAJreWithoutMavenThroughASymlink() throws Exception {
        try (SharedState state = SharedState.open(dir.resolve("store"))) {
            state.longValue("hits", 41);
        }
        Output version = launch("--version");
        assertEquals(0, version.status, version.text);
        assertTrue(version.text.startsWith("shared-state 0.1.0-SNAPSHOT"), version.text);
        try (var archives = Files.list(dir.resolve("home/.cache/shared-state"))) {
            assertTrue(archives.anyMatch(file -> file.toString().endsWith(".jsa")),
                    "the first run made a class-data archive in the user's cache");
        }
        Output incr = launch("incr", dir.resolve("store").toString(), "hits");
        assertEquals(0, incr.status, incr.text);
        assertEquals("42", incr.text.strip());
        Output verify = launch("verify", dir.resolve("store").toString());
        assertEquals(0, verify.status, verify.text);
        try (var entries = Files.list(launcher.getParent())) {
            assertEquals(1, entries.count(), "the launcher makes nothing in the link's folder");
        }
    }

    @Test
    void theDemoSaysItIsNotPartOfTheDistribution() throws Exception {
        Output demo = launch("demo");
        assertEquals(3, demo.status, demo.text);
        assertEquals("shared-state: the demo is not part of the CLI distribution: run it from a checkout"
                + " (bin/shared-state demo)", demo.text.strip());
    }

    private Output launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return run(command, path);
    }

    private Output run(List<String> command, Path searchPath) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        if (searchPath != null) {
            builder.environment().clear();
            builder.environment().put("PATH", searchPath.toString());
            builder.environment().put("HOME", dir.resolve("home").toString());
        }
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish: " + text);
        }
        return new Output(process.exitValue(), text);
    }

    private static Path which(String tool) {
        for (String folder : new String[] {"/usr/bin", "/bin"}) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not in /usr/bin or /bin");
    }

    private record Output(int status, String text) {
    }
}
