package io.sharedstate.cli;

import sun.misc.Signal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * SIGINT, SIGTERM and SIGHUP, handled so that the process never dies while it holds a Chronicle Map segment lock.
 * Those locks live in the mapped file and record no owner: one left held by a killed read-only tool would block
 * every writer of that segment until {@code shared-state recover}.
 *
 * <p>A signal sets {@link #requested()}, which long commands poll between segments or events, and runs the
 * command's {@link #onSignal(Runnable) action}. If the command has not ended within {@value #GRACE_MILLIS} ms (its
 * output is blocked, say), the process exits, but never inside a {@link #critical} section: those run to their
 * end first. A second signal skips the grace period. {@code kill -9} cannot be handled: do not use it on
 * {@code dump}.
 */
final class Signals {
    static final long GRACE_MILLIS = 2_000;
    private static final String[] HANDLED = {"INT", "TERM", "HUP"};
    private static final Object LOCK = new Object();

    private static volatile boolean requested;
    private static volatile int signalNumber;
    private static volatile Runnable action;
    private static volatile int forcedExitStatus = -1;
    private static int critical;

    private Signals() {
    }

    /** Installs the handlers; signals the JVM reserves (as under {@code -Xrs}) keep their default. */
    static void install() {
        for (String name : HANDLED) {
            try {
                Signal.handle(new Signal(name), Signals::handle);
            } catch (IllegalArgumentException e) {
                // not available on this platform or reserved by the JVM
            }
        }
    }

    /** Returns whether a signal asked the command to stop. */
    static boolean requested() {
        return requested;
    }

    /** Returns the exit status for a command stopped by the signal received: 128 + its number. */
    static int interruptedStatus() {
        return 128 + (signalNumber == 0 ? 2 : signalNumber);
    }

    /** Sets what to run on the signal's thread when a signal arrives, such as waking the main thread. */
    static void onSignal(Runnable runnable) {
        action = runnable;
    }

    /** Sets the exit status used if the command does not end by itself after a signal; 128 + signal by default. */
    static void forcedExitStatus(int status) {
        forcedExitStatus = status;
    }

    /** Runs {@code body} with exit deferred until it returns: for code that holds a Chronicle segment lock. */
    static <T> T critical(java.util.function.Supplier<T> body) {
        synchronized (LOCK) {
            critical++;
        }
        try {
            return body.get();
        } finally {
            synchronized (LOCK) {
                critical--;
            }
        }
    }

    private static void handle(Signal signal) {
        boolean again = requested;
        signalNumber = signal.getNumber();
        requested = true;
        Runnable runnable = action;
        if (runnable != null && !again) {
            runnable.run();
        }
        Thread exiter = new Thread(() -> exitWhenSafe(again ? 0 : GRACE_MILLIS), "shared-state-signal-exit");
        exiter.setDaemon(true);
        exiter.start();
    }

    private static void exitWhenSafe(long graceMillis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(graceMillis));
        while (true) {
            synchronized (LOCK) {
                if (critical == 0) {
                    // No flush: stdout may be the very thing that is blocked.
                    int status = forcedExitStatus >= 0 ? forcedExitStatus : interruptedStatus();
                    // Still holding LOCK: the main thread cannot enter a critical section any more.
                    Runtime.getRuntime().halt(status);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
