package io.sharedstate.lock;

import io.sharedstate.internal.UnsafeAccess;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The waiting side of the robust lock protocol, shared by every lock word in a store. A lock word is
 * {@link OwnerToken#FREE}, an owner's {@link OwnerToken}, or {@link OwnerToken#REMOVED}. Taking a free lock is
 * one compare-and-set (done inline by callers, the fast path); this class handles the rest: spinning, then
 * yielding, then parking with backoff, and asking the {@link ProcessRegistry} whether the owner is alive once the
 * spinning is over, every {@link #LIVENESS_CHECK_INTERVAL_NANOS} after that, and before giving up on a timeout. A
 * dead owner's token is replaced by the waiter's with a compare-and-set, so exactly one waiter takes the lock over,
 * like a POSIX robust mutex's {@code EOWNERDEAD}. An owner whose liveness cannot be told is alive.
 */
public final class RobustLock {
    /** How often a waiter checks whether the owner is alive; a dead owner's lock is taken over within this. */
    public static final long LIVENESS_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final int SPINS = 100;
    private static final int YIELDS = 50;
    private static final int BURST_SPINS = 1_000;
    private static final long MAX_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final ProcessRegistry registry;
    private final HoldTable holds;
    private final BooleanSupplier closed;

    /**
     * Creates the waiting strategy for a store.
     *
     * @param registry tells whether an owner is alive
     * @param holds this process's explicit holds, which tell a reentrant acquisition from another thread's
     * @param closed tells whether the store was closed, which ends every wait
     */
    public RobustLock(ProcessRegistry registry, HoldTable holds, BooleanSupplier closed) {
        this.registry = registry;
        this.holds = holds;
        this.closed = closed;
    }

    /**
     * Takes the lock word at {@code address} for {@code token}, after the caller's fast-path compare-and-set
     * failed.
     *
     * @param timeoutNanos how long to wait for a live owner; negative waits for ever, 0 tries once (and still
     *        takes over a dead owner's lock)
     * @param interruptible whether an interrupt of the waiting thread ends the wait
     */
    public LockOutcome acquire(long address, long token, long timeoutNanos, boolean interruptible) {
        long start = System.nanoTime();
        long nextLivenessCheck = start;
        for (int attempt = 0; ; attempt++) {
            long word = UnsafeAccess.getLongVolatile(address);
            if (word == OwnerToken.FREE) {
                if (UnsafeAccess.compareAndSetLong(address, OwnerToken.FREE, token)) {
                    return LockOutcome.ACQUIRED;
                }
                continue;
            }
            if (word == OwnerToken.REMOVED) {
                return LockOutcome.REMOVED;
            }
            if (word == token && holds.isHeldByCurrentThread(address)) {
                return LockOutcome.NESTED;
            }
            boolean spinning = attempt < SPINS && timeoutNanos != 0;
            if (spinning) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            boolean timedOut = timeoutNanos >= 0 && now - start >= timeoutNanos;
            if (now - nextLivenessCheck >= 0 || timedOut) {
                if (isDead(word, token) && UnsafeAccess.compareAndSetLong(address, word, token)) {
                    return LockOutcome.RECOVERED;
                }
                nextLivenessCheck = now + LIVENESS_CHECK_INTERVAL_NANOS;
            }
            if (timedOut) {
                return LockOutcome.TIMED_OUT;
            }
            if (closed.getAsBoolean()) {
                return LockOutcome.CLOSED;
            }
            if (interruptible && Thread.interrupted()) {
                return LockOutcome.INTERRUPTED;
            }
            backOff(attempt);
            if (attempt >= SPINS + YIELDS && acquireInBurst(address, token)) {
                return LockOutcome.ACQUIRED;
            }
        }
    }

    /**
     * Waits until the lock word at {@code address} is no longer {@code heldBy}, without taking it; for readers.
     *
     * @return true if the owner released or changed, false if the owner is dead or the store was closed
     */
    public boolean awaitRelease(long address, long heldBy, long ownToken) {
        long nextLivenessCheck = 0;
        for (int attempt = 0; ; attempt++) {
            if (UnsafeAccess.getLongVolatile(address) != heldBy) {
                return true;
            }
            if (attempt < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (nextLivenessCheck == 0 || now - nextLivenessCheck >= 0) {
                if (isDead(heldBy, ownToken)) {
                    return false;
                }
                nextLivenessCheck = now + LIVENESS_CHECK_INTERVAL_NANOS;
            }
            if (closed.getAsBoolean()) {
                return false;
            }
            backOff(attempt);
            if (attempt >= SPINS + YIELDS && releasedInBurst(address, heldBy)) {
                return true;
            }
        }
    }

    /** Returns the registry this lock consults. */
    public ProcessRegistry registry() {
        return registry;
    }

    /** Returns this process's explicit holds. */
    public HoldTable holds() {
        return holds;
    }

    private boolean isDead(long owner, long ownToken) {
        if (ownToken != 0 && OwnerToken.sameProcess(owner, OwnerToken.processPart(ownToken))) {
            return false;
        }
        return !registry.isAlive(owner);
    }

    /*
     * After a park a waiter watches the lock word for a short while. A key that another process writes in a tight
     * loop is free only for nanoseconds between two writes: a waiter that looked once per park would almost never
     * see it free, and a whole-array reader or an explicit locker would wait for as long as the writer runs.
     */

    private static boolean acquireInBurst(long address, long token) {
        for (int i = 0; i < BURST_SPINS; i++) {
            if (UnsafeAccess.getLongVolatile(address) == OwnerToken.FREE
                    && UnsafeAccess.compareAndSetLong(address, OwnerToken.FREE, token)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static boolean releasedInBurst(long address, long heldBy) {
        for (int i = 0; i < BURST_SPINS; i++) {
            if (UnsafeAccess.getLongVolatile(address) != heldBy) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static void backOff(int attempt) {
        if (attempt < SPINS + YIELDS) {
            Thread.yield();
        } else {
            int shift = Math.min(attempt - SPINS - YIELDS, 9);
            LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, 1_000L << shift));
        }
    }
}
