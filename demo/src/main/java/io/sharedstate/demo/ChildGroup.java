package io.sharedstate.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The worker JVMs of one scenario: started together, waited for together, and killed on {@link #close()} if still
 * running, so that a failing scenario leaves no worker behind.
 */
final class ChildGroup implements AutoCloseable {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final PrintStream echo;
    private final List<ChildProcess> children = new ArrayList<>();

    ChildGroup(PrintStream echo) {
        this.echo = echo;
    }

    /** Starts a worker JVM with the given role, main class, tuning options and arguments. */
    ChildProcess start(String role, Class<?> worker, List<String> tuning, Object... args) {
        List<String> arguments = new ArrayList<>();
        for (Object arg : args) {
            arguments.add(String.valueOf(arg));
        }
        ChildProcess child = ChildProcess.start(role, worker, tuning, arguments, echo);
        children.add(child);
        return child;
    }

    /**
     * Starts a JVM with the command line {@code command} in {@code directory}, its standard input open for commands
     * and its standard error written to {@code errorLog}.
     */
    ChildProcess startInteractive(String role, List<String> command, Path directory, Path errorLog) {
        ChildProcess child = ChildProcess.startInteractive(role, command, directory, errorLog, echo);
        children.add(child);
        return child;
    }

    List<ChildProcess> children() {
        return List.copyOf(children);
    }

    /**
     * Waits until {@code condition} holds, typically a value in the store that the workers update.
     *
     * @throws IllegalStateException if a worker fails, if every worker exits first, or after {@code timeout}
     */
    void awaitCondition(String what, BooleanSupplier condition, Duration timeout) {
        awaitCondition(what, condition, timeout, () -> { });
    }

    /** As {@link #awaitCondition(String, BooleanSupplier, Duration)}, calling {@code onPoll} at every poll. */
    void awaitCondition(String what, BooleanSupplier condition, Duration timeout, Runnable onPoll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            checkNoneFailed(what);
            if (children.stream().noneMatch(ChildProcess::isAlive) && !condition.getAsBoolean()) {
                throw new IllegalStateException("every worker exited before " + what);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            onPoll.run();
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Waits for every worker to exit and checks that each exited with status 0.
     *
     * @throws IllegalStateException naming the first worker that failed or did not finish in time
     */
    void awaitSuccess(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChildProcess child : children) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            int status = child.awaitExit(left);
            if (status != 0) {
                throw new IllegalStateException(child + " failed with exit status " + status);
            }
        }
    }

    /** Forgets a worker that the scenario killed on purpose. */
    void forget(ChildProcess child) {
        children.remove(child);
    }

    @Override
    public void close() {
        children.forEach(ChildProcess::close);
    }

    private void checkNoneFailed(String what) {
        for (ChildProcess child : children) {
            if (!child.isAlive() && child.exitValue() != 0) {
                throw new IllegalStateException(child + " failed with exit status " + child.exitValue()
                        + " while waiting for " + what);
            }
        }
    }
}
