package io.sharedstate.testing;

import io.sharedstate.internal.JvmOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM running a main class from the test classpath, started with the JVM options the library ships
 * (io/sharedstate/jvm.options), as users' processes would be. Its stdout lines are queued for the test to read.
 */
public final class JavaProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final List<String> command;

    private JavaProcess(List<String> command) {
        this.command = command;
        try {
            this.process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pump(process.getInputStream(), lines::add, "stdout");
        pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), "stderr");
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM. */
    public static JavaProcess start(Class<?> mainClass, Object... args) {
        return start(List.of(), mainClass, args);
    }

    /** Starts {@code mainClass} with extra JVM options and {@code args} in a new JVM. */
    public static JavaProcess start(List<String> jvmOptions, Class<?> mainClass, Object... args) {
        return startWithClasspath(System.getProperty("java.class.path"), jvmOptions, mainClass, args);
    }

    /** Starts {@code mainClass} on the given classpath with extra JVM options and {@code args}. */
    public static JavaProcess startWithClasspath(String classpath, List<String> jvmOptions, Class<?> mainClass,
                                                 Object... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JvmOptions.fromLibrary());
        command.add("-Xss1m");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        Arrays.stream(args).map(String::valueOf).forEach(command::add);
        return new JavaProcess(command);
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the next stdout line, failing after {@code timeout}. */
    public String nextLine(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no output within " + timeout + " from " + describe());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for a stdout line starting with {@code prefix}, skipping others. */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = nextLine(Duration.ofNanos(Math.max(1, left)));
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Returns the stdout lines received so far and not yet read. */
    public List<String> drainLines() {
        List<String> drained = new ArrayList<>();
        lines.drainTo(drained);
        return drained;
    }

    /** Waits for the process to exit and returns its status, failing after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not exit within " + timeout + ": " + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for a successful exit, failing with the process's stderr otherwise. */
    public void awaitSuccess(Duration timeout) {
        int status = waitFor(timeout);
        if (status != 0) {
            throw new AssertionError("exit status " + status + " from " + describe());
        }
    }

    /** Kills the process with SIGKILL, as {@code kill -9} does, and waits until it is gone. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() {
        return stderr.toString();
    }

    public String describe() {
        return command.stream().skip(command.indexOf("-cp") + 2).collect(Collectors.joining(" "))
                + "\n--- stderr ---\n" + stderr;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }

    private static void pump(InputStream stream, java.util.function.Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
