package io.sharedstate.cli;

import io.sharedstate.SharedLock;
import io.sharedstate.SharedState;

import java.util.function.Supplier;

/**
 * A change to one key made while holding the key's lock, so that a signal that comes while the command waits for
 * the lock cancels the change instead of letting it through once the lock is free. The wait is interrupted at once
 * (not after {@link Signals#GRACE_MILLIS}); once the lock is held, the change runs to its end.
 */
final class LockedChange {
    private final Thread waiter = Thread.currentThread();
    private boolean waiting = true;

    private LockedChange() {
    }

    /**
     * Takes the lock of {@code key}, runs {@code change} under it and returns its result.
     *
     * @throws Cancelled if SIGINT, SIGTERM or SIGHUP came before the lock was held; nothing was changed
     */
    static <T> T apply(SharedState state, String key, Supplier<T> change) {
        LockedChange waitingFor = new LockedChange();
        Signals.onSignal(waitingFor::interruptIfWaiting);
        try (SharedLock ignored = waitingFor.lock(state, key)) {
            return Signals.critical(change);
        } finally {
            Signals.onSignal(null);
        }
    }

    private SharedLock lock(SharedState state, String key) {
        if (Signals.requested()) {
            throw new Cancelled(key);
        }
        SharedLock lock;
        try {
            lock = state.lockInterruptibly(key);
        } catch (InterruptedException e) {
            throw new Cancelled(key);
        }
        synchronized (this) {
            waiting = false;
            // An interrupt that raced with the acquisition must not reach the change (Chronicle reacts to it).
            Thread.interrupted();
        }
        if (Signals.requested()) {
            lock.close();
            throw new Cancelled(key);
        }
        return lock;
    }

    private synchronized void interruptIfWaiting() {
        if (waiting) {
            waiter.interrupt();
        }
    }

    /** A signal came while waiting for the lock: the command ends with 128 + the signal's number. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled(String key) {
            super("interrupted while waiting for the lock of key \"" + key + "\"; nothing was changed");
        }
    }
}
