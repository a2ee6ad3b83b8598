package io.sharedstate.cli;

import io.sharedstate.testing.JavaProcess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real packaged CLI jar ({@code java -jar shared-state-*-cli.jar}) as a subprocess. The jar is the one
 * {@code mvn package} built; failsafe passes its path as {@code cli.jar}. Only start-up tuning flags are added
 * (C1 only, serial GC); {@link #runBare} adds none at all, to prove the manifest carries what Chronicle needs.
 */
final class Cli {
    private static final List<String> TUNING = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final long TIMEOUT_SECONDS = 60;
    private static List<String> tuning;

    private Cli() {
    }

    /** What a run printed and how it ended. */
    record Result(int status, String stdout, String stderr, List<String> command) {
        List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        Result assertOk() {
            assertEquals(0, status, () -> "exit status of " + this);
            assertFalse(stderr.contains("Exception"), () -> "stderr of " + this);
            return this;
        }

        /** Exit 2, nothing on stdout, exactly one line on stderr that contains every fragment, no stack trace. */
        Result assertUserError(String... fragments) {
            assertAll(
                    () -> assertEquals(2, status, () -> "exit status of " + this),
                    () -> assertEquals("", stdout, () -> "stdout of " + this),
                    () -> assertEquals(1, stderr.lines().count(), () -> "one line on stderr: " + this),
                    () -> assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"),
                            () -> "no stack trace: " + this));
            for (String fragment : fragments) {
                assertTrue(stderr.contains(fragment), () -> "stderr should contain \"" + fragment + "\": " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command.subList(command.indexOf("-jar") + 2, command.size())) + " -> exit "
                    + status + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("cli.jar", "target/shared-state-0.1.0-SNAPSHOT-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package (the ITs run in the verify phase)");
        }
        return jar;
    }

    /** Runs the CLI with {@code args} in working directory {@code cwd} and waits for it. */
    static Result run(Path cwd, Object... args) {
        return waitFor(start(cwd, tuning(), args));
    }

    /**
     * Returns the start-up tuning of the launcher (bin/shared-state): C1 only, serial GC, and a class-data-sharing
     * archive made once per build by the CLI's training run, as the launcher makes it.
     */
    private static synchronized List<String> tuning() {
        if (tuning == null) {
            Path archive = jar().resolveSibling("it-cli.jsa");
            if (!Files.isRegularFile(archive) || archive.toFile().lastModified() < jar().toFile().lastModified()) {
                List<String> training = new ArrayList<>(TUNING);
                training.add("-XX:ArchiveClassesAtExit=" + archive);
                training.add("-Xlog:cds=off");
                training.add("-Xlog:cds+dynamic=off");
                waitFor(start(jar().getParent(), training, "cds-training"));
            }
            List<String> options = new ArrayList<>(TUNING);
            if (Files.isRegularFile(archive)) {
                options.add("-XX:SharedArchiveFile=" + archive);
                options.add("-Xlog:cds=off");
                options.add("-Xlog:cds+dynamic=off");
            }
            tuning = List.copyOf(options);
        }
        return tuning;
    }

    /** Runs the CLI as another user (with runuser(1); the tests run as root), in the root directory. */
    static Result runAs(String user, Object... args) {
        return waitFor(start(Path.of("/"), List.of("runuser", "-u", user, "--"), tuning(), args));
    }

    /** Runs the CLI without a single JVM option. */
    static Result runBare(Path cwd, Object... args) {
        return waitFor(start(cwd, List.of(), args));
    }

    /** Runs the CLI's jar, without a JVM option, on another Java runtime ({@code java} is its launcher). */
    static Result runOn(Path java, Path cwd, Object... args) {
        return waitFor(start(java.toString(), cwd, List.of(), List.of(), args));
    }

    /** Returns the threads of a hung JVM, as jstack prints them, for the failure message. */
    private static String threadDump(long pid) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        try {
            Process dump = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return dump.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                return "(jstack did not answer)";
            }
            return new String(out.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no jstack: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** Returns whether this JVM inherited SIGINT, SIGTERM or SIGHUP ignored (SigIgn in /proc/self/status). */
    private static boolean ignoresTerminalSignals() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    long terminal = (1L << (2 - 1)) | (1L << (15 - 1)) | (1L << (1 - 1));
                    return (mask & terminal) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: nothing to restore
        }
        return false;
    }

    /** Starts the CLI; the caller reads its streams. */
    static Started start(Path cwd, List<String> jvmOptions, Object... args) {
        return start(cwd, List.of(), jvmOptions, args);
    }

    private static Started start(Path cwd, List<String> prefix, List<String> jvmOptions, Object... args) {
        return start(JavaProcess.javaExecutable(), cwd, prefix, jvmOptions, args);
    }

    private static Started start(String java, Path cwd, List<String> prefix, List<String> jvmOptions,
                                 Object... args) {
        List<String> command = new ArrayList<>(prefix);
        if (ignoresTerminalSignals()) {
            // A shell without job control started this JVM in the background: its children would ignore SIGINT
            // too, and the JVM then never lets the CLI handle it. Restore the default for the CLI under test.
            command.addAll(List.of("env", "--default-signal=INT,TERM,HUP"));
        }
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        try {
            Process process = new ProcessBuilder(command).directory(cwd.toFile()).start();
            return new Started(process, command, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the CLI with its output collected as it comes, for a test that waits for what it prints
     * ({@link Started#awaitStderr}); {@link #start} leaves the streams to the test, to stall a reader on purpose.
     */
    static Started startCollected(Path cwd, List<String> jvmOptions, Object... args) {
        Started started = start(cwd, jvmOptions, args);
        Process process = started.process();
        return new Started(process, started.command(), new Output(process.getInputStream()),
                new Output(process.getErrorStream()));
    }

    static Result waitFor(Started started) {
        Process process = started.process();
        Output stdout = started.stdout() != null ? started.stdout() : new Output(process.getInputStream());
        Output stderr = started.stderr() != null ? started.stderr() : new Output(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                String threads = threadDump(process.pid());
                process.destroyForcibly();
                throw new AssertionError("no exit within " + TIMEOUT_SECONDS + " s: " + started.command()
                        + "\n--- stderr so far ---\n" + stderr.text() + "\n--- its threads ---\n" + threads);
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join(), started.command());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A started CLI process; its output is collected as it comes if started by {@link #startCollected}. */
    record Started(Process process, List<String> command, Output stdout, Output stderr) implements AutoCloseable {
        /** Sends a signal by name (INT, TERM) with kill(1). */
        void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
                assertEquals(0, kill.waitFor(), "kill -" + name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Waits until stderr contains {@code fragment}; fails if the process exits first or after the timeout. */
        void awaitStderr(String fragment) {
            stderr.await(fragment, this);
        }

        /** Waits until stdout contains {@code fragment}; fails if the process exits first or after the timeout. */
        void awaitStdout(String fragment) {
            stdout.await(fragment, this);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** One output stream of a CLI process, read by a thread of its own as it is written. */
    static final class Output {
        private final StringBuilder text = new StringBuilder();
        private final CompletableFuture<String> done = new CompletableFuture<>();

        Output(InputStream in) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (in) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        bytes.write(buffer, 0, n);
                        synchronized (this) {
                            text.setLength(0);
                            text.append(bytes.toString(StandardCharsets.UTF_8));
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
                synchronized (this) {
                    notifyAll();
                }
                done.complete(bytes.toString(StandardCharsets.UTF_8));
            }, "cli-output");
            reader.setDaemon(true);
            reader.start();
        }

        synchronized String text() {
            return text.toString();
        }

        String join() {
            return done.join();
        }

        synchronized void await(String fragment, Started started) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (text.indexOf(fragment) < 0) {
                long left = deadline - System.nanoTime();
                if (done.isDone() || left <= 0) {
                    throw new AssertionError("never printed \"" + fragment + "\" (" + (done.isDone() ? "ended"
                            : "timed out") + "): " + started.command() + "\n--- so far ---\n" + text);
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Returns a SHA-256 of every regular file under {@code dir}, by relative path. */
    static Map<String, String> fingerprint(Path dir) {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] bytes = Files.readAllBytes(file);
                if (file.getFileName().toString().equals("shared-state.meta")) {
                    bytes = withoutProcessTable(bytes);
                }
                digests.put(dir.relativize(file).toString(), HexFormat.of().formatHex(sha.digest(bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return digests;
    }

    /**
     * Returns the header without its process table (the registration counter at 128 and the slots from 4096 on)
     * and the store's coarse clock (at 256, which every writer's maintenance ticks): every process that opens a
     * store takes a slot, readers included, so that its death is noticed; the rest of the header must not change.
     */
    private static byte[] withoutProcessTable(byte[] header) {
        byte[] kept = java.util.Arrays.copyOf(header, Math.min(header.length, 4096));
        java.util.Arrays.fill(kept, 128, Math.min(kept.length, 136), (byte) 0);
        java.util.Arrays.fill(kept, 256, Math.min(kept.length, 264), (byte) 0);
        return kept;
    }

    /** Asserts that no JVM crash file (hs_err_pid*.log) was written in any of the directories. */
    static void assertNoCrashFiles(Path... dirs) {
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> crashes = files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
                assertTrue(crashes.isEmpty(), () -> "JVM crash files: " + crashes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
