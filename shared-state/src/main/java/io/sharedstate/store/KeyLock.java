package io.sharedstate.store;

import io.sharedstate.SharedLock;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.LockOutcome;
import io.sharedstate.lock.OwnerToken;

import java.time.Duration;

import static io.sharedstate.store.EntryLayout.FLAGS;
import static io.sharedstate.store.EntryLayout.FLAG_RECOVERED;
import static io.sharedstate.store.EntryLayout.HOLD_COUNT;
import static io.sharedstate.store.EntryLayout.LOCK;
import static io.sharedstate.store.EntryLayout.LOCKED_SINCE_MICROS;

/**
 * An explicit hold of a key's lock word (see {@link SharedLock}). The hold count, the time the lock was taken
 * and whether it was taken over from a dead owner live in the entry, written only by the owner, so every
 * {@code KeyLock} object of the key, in any process, agrees on them.
 */
final class KeyLock implements SharedLock {
    private final EntryHandle entry;
    /** Holds taken through this object and not yet released; only the owning thread changes it. */
    private int holdsTaken;

    KeyLock(EntryHandle entry) {
        this.entry = entry;
    }

    @Override
    public String name() {
        return entry.name;
    }

    @Override
    public void lock() {
        acquire(-1, false);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted() || !acquire(-1, true)) {
            throw new InterruptedException("interrupted while waiting for the lock of key \"" + entry.name + "\"");
        }
    }

    @Override
    public boolean tryLock(Duration timeout) {
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        return acquire(nanos, false);
    }

    @Override
    public void unlock() {
        entry.owner.checkOpen();
        long address = entry.base + LOCK;
        long word = UnsafeAccess.getLongVolatile(address);
        if (word == OwnerToken.REMOVED) {
            holdsTaken = Math.max(0, holdsTaken - 1);
            return; // the key was removed by this thread while it held the lock: nothing is left to release
        }
        if (word != entry.store.token()) {
            throw new IllegalMonitorStateException("the current thread does not hold the lock of key \""
                    + entry.name + "\"");
        }
        holdsTaken = Math.max(0, holdsTaken - 1);
        int holds = holdCount(entry.base) - 1;
        if (holds > 0) {
            UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) holds);
            return;
        }
        UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) 0);
        UnsafeAccess.putLong(entry.base + LOCKED_SINCE_MICROS, 0);
        setRecovered(false);
        entry.release();
    }

    @Override
    public void close() {
        while (holdsTaken > 0) {
            unlock();
        }
    }

    @Override
    public boolean isHeldByCurrentThread() {
        entry.owner.checkOpen();
        return UnsafeAccess.getLongVolatile(entry.base + LOCK) == entry.store.token();
    }

    @Override
    public int holdCount() {
        return isHeldByCurrentThread() ? holdCount(entry.base) : 0;
    }

    @Override
    public boolean previousOwnerDied() {
        return isHeldByCurrentThread() && (UnsafeAccess.getByte(entry.base + FLAGS) & FLAG_RECOVERED) != 0;
    }

    private boolean acquire(long timeoutNanos, boolean interruptible) {
        entry.owner.checkWritable();
        long token = entry.store.token();
        long address = entry.base + LOCK;
        if (UnsafeAccess.compareAndSetLong(address, OwnerToken.FREE, token)) {
            return firstHold(false);
        }
        LockOutcome outcome = entry.store.robustLock().acquire(address, token, timeoutNanos, interruptible);
        switch (outcome) {
            case ACQUIRED:
                return firstHold(false);
            case RECOVERED:
                return firstHold(true);
            case NESTED:
                int holds = holdCount(entry.base) + 1;
                if (holds > Short.MAX_VALUE) {
                    throw new Error("maximum lock count exceeded for key \"" + entry.name + "\"");
                }
                UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) holds);
                holdsTaken++;
                return true;
            case REMOVED:
                throw entry.removed();
            case TIMED_OUT:
            case INTERRUPTED:
                return false;
            default:
                entry.owner.checkOpen();
                throw new IllegalStateException("unexpected lock outcome " + outcome);
        }
    }

    private boolean firstHold(boolean recovered) {
        entry.onAcquired(recovered);
        UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) 1);
        UnsafeAccess.putLong(entry.base + LOCKED_SINCE_MICROS, entry.store.clock().nowMicros());
        setRecovered(recovered);
        holdsTaken++;
        return true;
    }

    private void setRecovered(boolean recovered) {
        byte flags = UnsafeAccess.getByte(entry.base + FLAGS);
        UnsafeAccess.putByte(entry.base + FLAGS,
                (byte) (recovered ? flags | FLAG_RECOVERED : flags & ~FLAG_RECOVERED));
    }

    private static int holdCount(long base) {
        return UnsafeAccess.getShort(base + HOLD_COUNT);
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
