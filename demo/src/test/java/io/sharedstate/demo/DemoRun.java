package io.sharedstate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of the packaged launcher as users run it, {@code java -jar demo/target/shared-state-demo.jar ARGS}, in a
 * process of its own, with its exit status and everything it printed.
 */
final class DemoRun {
    private final List<String> command;
    private final int exitStatus;
    private final String output;

    private DemoRun(List<String> command, int exitStatus, String output) {
        this.command = command;
        this.exitStatus = exitStatus;
        this.output = output;
    }

    /** Runs the launcher with {@code args}, failing the test if it has not exited after {@code timeout}. */
    static DemoRun run(Duration timeout, Object... args) {
        return runWith(List.of(), timeout, args);
    }

    /** Runs the launcher with JVM options of its own, as {@link #run}. */
    static DemoRun runWith(List<String> jvmOptions, Duration timeout, Object... args) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("`" + String.join(" ", command) + "` did not finish within " + timeout
                        + "; it printed:\n" + output.getNow("(nothing yet)"));
            }
            return new DemoRun(command, process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    int exitStatus() {
        return exitStatus;
    }

    String output() {
        return output;
    }

    /** Returns the lines that start with {@code prefix}. */
    List<String> lines(String prefix) {
        return output.lines().filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
    }

    /** Returns the only line that contains {@code text}, failing if there is not exactly one. */
    String line(String text) {
        List<String> matching = output.lines().filter(line -> line.contains(text)).collect(Collectors.toList());
        assertEquals(1, matching.size(), () -> "lines containing \"" + text + "\" in\n" + this);
        return matching.get(0);
    }

    /** Asserts that the run exited with 0 and printed {@code passes} PASS lines and no FAIL line. */
    void assertPassed(int passes) {
        assertEquals(0, exitStatus, () -> "exit status of\n" + this);
        assertEquals(List.of(), lines("FAIL"), () -> "FAIL lines in\n" + this);
        assertEquals(passes, lines("PASS").size(), () -> "PASS lines in\n" + this);
    }

    @Override
    public String toString() {
        return "$ " + String.join(" ", command) + "\n" + output + "(exit status " + exitStatus + ")";
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("demo.jar", "target/shared-state-demo.jar"));
        assertTrue(Files.isRegularFile(jar), () -> jar.toAbsolutePath() + " is missing: run `mvn verify`");
        return jar;
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
