package io.sharedstate.store;

import io.sharedstate.SharedLock;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.LockOutcome;
import io.sharedstate.lock.OwnerToken;

import java.time.Duration;

import static io.sharedstate.store.EntryLayout.COMMITTED;
import static io.sharedstate.store.EntryLayout.HOLD_COUNT;
import static io.sharedstate.store.EntryLayout.LOCK;
import static io.sharedstate.store.EntryLayout.LOCKED_SINCE_MICROS;
import static io.sharedstate.store.EntryLayout.STATE;
import static io.sharedstate.store.EntryLayout.STATE_OWNER_DIED;
import static io.sharedstate.store.EntryLayout.VALUE;

/**
 * An explicit hold of a key's lock word (see {@link SharedLock}). The hold count and the time the lock was taken
 * live in the entry, written only by the owner, so every tool in any process sees them; which thread of this process
 * holds the lock is in the process's {@link io.sharedstate.lock.HoldTable}. A single value's value at the start of
 * the section is kept in the entry too, for {@code peek()}.
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
        if (UnsafeAccess.getLongVolatile(address) == OwnerToken.REMOVED && holdsTaken > 0) {
            // This thread removed the key while holding the lock: nothing is left to release.
            holdsTaken--;
            entry.store.robustLock().holds().remove(address);
            return;
        }
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold the lock of key \""
                    + entry.name + "\"");
        }
        holdsTaken = Math.max(0, holdsTaken - 1);
        int holds = holdCount(entry.base) - 1;
        if (holds > 0) {
            UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) holds);
            return;
        }
        UnsafeAccess.putLong(entry.base + LOCKED_SINCE_MICROS, 0);
        setOwnerDied(false);
        UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) 0);
        entry.store.robustLock().holds().remove(address);
        entry.release();
    }

    @Override
    public void close() {
        entry.owner.checkOpen();
        while (holdsTaken > 0) {
            unlock();
        }
    }

    @Override
    public boolean isHeldByCurrentThread() {
        entry.owner.checkOpen();
        long address = entry.base + LOCK;
        return UnsafeAccess.getLongVolatile(address) == entry.store.token()
                && entry.store.robustLock().holds().isHeldByCurrentThread(address);
    }

    @Override
    public int holdCount() {
        return isHeldByCurrentThread() ? holdCount(entry.base) : 0;
    }

    @Override
    public boolean previousOwnerDied() {
        return isHeldByCurrentThread() && (UnsafeAccess.getByte(entry.base + STATE) & STATE_OWNER_DIED) != 0;
    }

    private boolean acquire(long timeoutNanos, boolean interruptible) {
        entry.owner.checkWritable();
        if (entry.isRetired()) {
            throw entry.removed();
        }
        long token = entry.store.token();
        long address = entry.base + LOCK;
        if (UnsafeAccess.compareAndSetLong(address, OwnerToken.FREE, token)) {
            return firstHold(token, false);
        }
        LockOutcome outcome = entry.store.robustLock().acquire(address, token, timeoutNanos, interruptible);
        switch (outcome) {
            case ACQUIRED:
                return firstHold(token, false);
            case RECOVERED:
                return firstHold(token, true);
            case NESTED:
                int holds = holdCount(entry.base) + 1;
                if (holds > Short.MAX_VALUE) {
                    throw new IllegalMonitorStateException("maximum lock count exceeded for key \"" + entry.name
                            + "\"");
                }
                UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) holds);
                holdsTaken++;
                return true;
            case REMOVED:
                entry.retire();
                throw entry.removed();
            case TIMED_OUT:
            case INTERRUPTED:
                return false;
            default:
                entry.owner.checkOpen();
                throw new IllegalStateException("unexpected lock outcome " + outcome);
        }
    }

    private boolean firstHold(long token, boolean recovered) {
        entry.onAcquired(token, recovered);
        try {
            if (!entry.array) {
                UnsafeAccess.putLong(entry.base + COMMITTED, UnsafeAccess.getLong(entry.base + VALUE));
            }
            UnsafeAccess.putLong(entry.base + LOCKED_SINCE_MICROS, entry.store.clock().nowMicros());
            entry.store.robustLock().holds().add(entry.base + LOCK);
            UnsafeAccess.putShort(entry.base + HOLD_COUNT, (short) 1);
        } catch (RuntimeException | Error e) {
            entry.store.robustLock().holds().remove(entry.base + LOCK);
            entry.releaseHeld(token);
            throw e;
        }
        holdsTaken++;
        return true;
    }

    private void setOwnerDied(boolean died) {
        int state = UnsafeAccess.getByte(entry.base + STATE);
        UnsafeAccess.putByte(entry.base + STATE, (byte) (died ? state | STATE_OWNER_DIED : state & ~STATE_OWNER_DIED));
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
