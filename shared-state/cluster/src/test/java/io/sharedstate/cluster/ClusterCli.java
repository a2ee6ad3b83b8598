package io.sharedstate.cluster;

import io.sharedstate.testing.JavaProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a packaged CLI jar as operators run it: {@code java -jar}, with no JVM flag but start-up tuning (C1 only, the
 * serial collector) and without this JVM's JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS, so that the manifest must carry
 * what Chronicle and Ignite need; or through the checkout's launcher; in a working directory of its own. Failsafe
 * passes the jars' paths.
 */
final class ClusterCli {
    /** A join gives up after 40 s; a command then ends. */
    static final Duration RUN = Duration.ofMinutes(2);
    private static final List<String> TUNING = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** What the CLI says on stderr when a join takes a few seconds, as it may on a loaded machine. */
    private static final String JOIN_NOTE = "shared-state: joining the cluster at ";

    private static final Path LAUNCHER = Path.of("..", "..", "bin", "shared-state").toAbsolutePath().normalize();

    private final List<String> command;
    private final Path workingDirectory;

    private ClusterCli(List<String> command, Path workingDirectory) {
        this.command = command;
        this.workingDirectory = workingDirectory;
    }

    /** The cluster module's CLI jar ({@code cli.jar}). */
    static ClusterCli cluster(Path workingDirectory) {
        return new ClusterCli(javaJar(jar("cli.jar")), workingDirectory);
    }

    /** The library's own CLI jar ({@code library.cli.jar}), which has no cluster support. */
    static ClusterCli library(Path workingDirectory) {
        return new ClusterCli(javaJar(jar("library.cli.jar")), workingDirectory);
    }

    /** The checkout's launcher, bin/shared-state, told not to build: the build is running. */
    static ClusterCli launcher(Path workingDirectory) {
        return new ClusterCli(List.of("env", "SHARED_STATE_NO_BUILD=1", LAUNCHER.toString()), workingDirectory);
    }

    private static List<String> javaJar(Path jar) {
        List<String> command = new ArrayList<>(List.of(JavaProcess.javaExecutable()));
        command.addAll(TUNING);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "(" + property + " is not set)"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the library and the cluster module first"
                    + " (the ITs run in the verify phase)");
        }
        return jar;
    }

    /** What a run printed and how it ended. */
    record Result(int status, String stdout, String stderr, long pid, List<String> args) {
        /** The stderr lines other than the note that a join takes a while. */
        List<String> errors() {
            return stderr.lines().filter(line -> !line.startsWith(JOIN_NOTE)).collect(Collectors.toList());
        }

        Result assertOk() {
            assertEquals(0, status, () -> "exit status of " + this);
            assertEquals(List.of(), errors(), () -> "stderr of " + this);
            return this;
        }

        /** Exit 2, nothing on stdout, one line on stderr (no stack trace) containing every fragment. */
        Result assertUserError(String... fragments) {
            assertEquals(2, status, () -> "exit status of " + this);
            assertEquals("", stdout, () -> "stdout of " + this);
            assertEquals(1, errors().size(), () -> "one line on stderr: " + this);
            for (String fragment : fragments) {
                assertTrue(stderr.contains(fragment), () -> "stderr should contain \"" + fragment + "\": " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", args) + " -> exit " + status + "\n--- stdout ---\n" + stdout + "--- stderr ---\n"
                    + stderr;
        }
    }

    /** Runs the CLI with {@code args} and waits for it. */
    Result run(Object... args) {
        try (Running running = start(args)) {
            return running.awaitExit();
        }
    }

    /** Starts the CLI; its output is collected as it comes. */
    Running start(Object... args) {
        List<String> arguments = new ArrayList<>();
        for (Object arg : args) {
            arguments.add(String.valueOf(arg));
        }
        List<String> full = new ArrayList<>(command);
        full.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workingDirectory.toFile());
        builder.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"));
        try {
            return new Running(builder.start(), arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CLI process whose stdout lines and stderr are read as they come. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final List<String> args;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer stdout = new StringBuffer();
        private final StringBuffer stderr = new StringBuffer();
        private final Thread[] pumps;

        private Running(Process process, List<String> args) {
            this.process = process;
            this.args = args;
            this.pumps = new Thread[] {pump(process.getInputStream(), stdout, lines), pump(process.getErrorStream(),
                    stderr, null)};
        }

        private Thread pump(InputStream stream, StringBuffer text, BlockingQueue<String> queue) {
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream,
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        synchronized (this) {
                            text.append(line).append('\n');
                            notifyAll();
                        }
                        if (queue != null) {
                            queue.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
                synchronized (this) {
                    notifyAll();
                }
            }, "cli-output");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        long pid() {
            return process.pid();
        }

        /** Returns the next stdout line, failing if none comes within {@code timeout}. */
        String nextLine(Duration timeout) throws InterruptedException {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(line != null, () -> "no line within " + timeout + " from " + args + "; stderr:\n" + stderr);
            return line;
        }

        /** Waits until stderr contains {@code fragment}; fails if the process ends first or after {@link #RUN}. */
        synchronized void awaitStderr(String fragment) throws InterruptedException {
            long deadline = System.nanoTime() + RUN.toNanos();
            while (stderr.indexOf(fragment) < 0) {
                long left = deadline - System.nanoTime();
                assertTrue(process.isAlive() && left > 0, () -> "never said \"" + fragment + "\": " + args
                        + "\n--- stderr ---\n" + stderr);
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.SECONDS.toNanos(1)))));
            }
        }

        /** Asks it to stop as {@code kill -TERM} does. */
        void terminate() {
            process.destroy();
        }

        Result awaitExit() {
            try {
                if (!process.waitFor(RUN.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("no exit within " + RUN + ": " + args + "\n--- stderr ---\n" + stderr);
                }
                for (Thread pump : pumps) {
                    pump.join(TimeUnit.SECONDS.toMillis(10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(process.exitValue(), stdout.toString(), stderr.toString(), process.pid(), args);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
