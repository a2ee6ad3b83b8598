package io.sharedstate.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM started by the launcher. Every line it prints, on stdout or stderr, is echoed on the launcher's
 * stdout prefixed with its role, such as {@code [writer 1]}, and kept, so that a scenario can wait for a line that
 * says something happened ({@link #findLine}). A worker started {@linkplain #startInteractive interactively} keeps
 * its standard input open for commands from the launcher ({@link #send}) and writes its standard error to a log
 * file instead. A JVM-wide shutdown hook kills the children still running when the launcher exits or is
 * interrupted, so that no worker outlives the demo.
 */
final class ChildProcess implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(Process::destroyForcibly), "kill-demo-children"));
    }

    private final String role;
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private ChildProcess(String role, Process process, PrintStream echo) {
        this.role = role;
        this.process = process;
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        pump(process.getInputStream(), echo);
        pump(process.getErrorStream(), echo);
    }

    /** Starts {@code worker} in a new JVM; its output is echoed on {@code echo}. */
    static ChildProcess start(String role, Class<?> worker, List<String> tuning, List<String> args, PrintStream echo) {
        try {
            Process process = new ProcessBuilder(ChildJvm.command(worker, tuning, args)).start();
            process.getOutputStream().close();
            return new ChildProcess(role, process, echo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + role + " (" + worker.getSimpleName() + ")", e);
        }
    }

    /**
     * Starts {@code command}, a JVM's command line from {@link ChildJvm}, in {@code directory}, keeping its standard
     * input open for {@link #send}; its standard output is echoed on {@code echo}, its standard error written to
     * {@code errorLog}.
     */
    static ChildProcess startInteractive(String role, List<String> command, Path directory, Path errorLog,
                                         PrintStream echo) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(errorLog.toFile()).start();
            return new ChildProcess(role, process, echo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + role + " (" + String.join(" ", command) + ")", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Returns the exit status; call only once the process has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /**
     * Waits for the process to exit and returns its status.
     *
     * @throws IllegalStateException if it is still running after {@code timeout}; it is then killed
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill9();
            throw new IllegalStateException(role + " (pid " + pid() + ") did not finish within "
                    + timeout.toSeconds() + " s and was killed");
        }
        return process.exitValue();
    }

    String role() {
        return role;
    }

    /** Returns how many lines the process has printed so far, on stdout and stderr. */
    synchronized int lineCount() {
        return lines.size();
    }

    /** Returns the first line from line {@code from} on (0: the first printed) that starts with {@code prefix}. */
    synchronized Optional<String> findLine(String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }

    /** Returns how many lines from line {@code from} on start with {@code prefix}. */
    synchronized int countLines(String prefix, int from) {
        int count = 0;
        for (int i = from; i < lines.size(); i++) {
            count += lines.get(i).startsWith(prefix) ? 1 : 0;
        }
        return count;
    }

    /**
     * Writes {@code command} and a newline to the process's standard input; only for a process started with
     * {@link #startInteractive}.
     *
     * @throws UncheckedIOException if the process has exited or closed its input
     */
    void send(String command) {
        OutputStream input = process.getOutputStream();
        try {
            input.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send \"" + command + "\" to " + this, e);
        }
    }

    /** Kills the process with SIGKILL, as {@code kill -9} does, and waits until it is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return role + " (pid " + pid() + ")";
    }

    private void pump(InputStream stream, PrintStream echo) {
        String prefix = "  [" + role + "] ";
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    echo.println(prefix + line);
                    keep(line);
                }
            } catch (IOException e) {
                // the process was killed: nothing more to echo
            }
        }, "echo-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void keep(String line) {
        lines.add(line);
    }
}
