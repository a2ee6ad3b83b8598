package io.sharedstate.store;

import io.sharedstate.internal.ValueCodec;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.KeyInfo;
import io.sharedstate.KeyRemovedException;
import io.sharedstate.SharedHandle;
import io.sharedstate.SharedLock;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.LockOutcome;
import io.sharedstate.lock.OwnerToken;

import java.nio.charset.StandardCharsets;
import java.util.function.LongUnaryOperator;

import static io.sharedstate.store.EntryLayout.ENTRY_ID;
import static io.sharedstate.store.EntryLayout.LAST_WRITER;
import static io.sharedstate.store.EntryLayout.LOCK;
import static io.sharedstate.store.EntryLayout.SEQUENCE;

/**
 * The operations of a handle on one key's entry, on values in canonical form (see {@link ValueCodec}); the
 * public handle types adapt them to their Java types.
 *
 * <p>Writers take the key's lock word with one compare-and-set (falling back to {@link io.sharedstate.lock.RobustLock}
 * when it is held), make the sequence odd, change the payload, journal the change, make the sequence even and
 * release the lock. Readers never write: they read the sequence, the payload and the sequence again, and retry if
 * a writer was active. Inside an explicit {@link SharedLock} section the owning thread's operations run nested,
 * without taking the lock again.
 */
abstract class EntryHandle implements SharedHandle {
    final ChronicleSharedState owner;
    final SharedStore store;
    final String name;
    final long base;
    final long entryId;
    final TypeCode type;
    final int length;
    final boolean array;
    final boolean journaled;
    final KeySpec spec;
    private final byte[] nameUtf8;

    EntryHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        this.owner = owner;
        this.store = owner.store();
        this.name = name;
        this.nameUtf8 = name.getBytes(StandardCharsets.UTF_8);
        this.base = entry.base();
        this.entryId = entry.entryId();
        this.type = entry.type();
        this.length = entry.length();
        this.array = entry.isArray();
        this.journaled = entry.isJournaled();
        this.spec = spec;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final TypeCode typecode() {
        return type;
    }

    @Override
    public final SharedLock lock() {
        KeyLock lock = new KeyLock(this);
        lock.lock();
        return lock;
    }

    @Override
    public final SharedLock lockInterruptibly() throws InterruptedException {
        KeyLock lock = new KeyLock(this);
        lock.lockInterruptibly();
        return lock;
    }

    @Override
    public final KeyInfo info() {
        owner.checkOpen();
        checkIdentity();
        return new EntryView(base).info(name, store);
    }

    @Override
    public final boolean isValid() {
        owner.checkOpen();
        return UnsafeAccess.getLongVolatile(base + ENTRY_ID) == entryId
                && UnsafeAccess.getLongVolatile(base + LOCK) != OwnerToken.REMOVED;
    }

    // ---- reads

    /** Reads without waiting for an explicit section in progress. */
    final long peekLoad(int index) {
        return load(index);
    }

    final long load(int index) {
        owner.checkOpen();
        long address = EntryLayout.elementAddress(base, type, index);
        for (;;) {
            long sequence = UnsafeAccess.getLongVolatile(base + SEQUENCE);
            if ((sequence & 1) == 0) {
                long value = ValueCodec.load(type, address);
                long id = UnsafeAccess.getLong(base + ENTRY_ID);
                UnsafeAccess.loadFence();
                if (UnsafeAccess.getLongVolatile(base + SEQUENCE) == sequence) {
                    checkIdentity(id);
                    return value;
                }
            } else if (awaitReadable()) {
                return ValueCodec.load(type, address);
            }
        }
    }

    final long[] snapshot() {
        owner.checkOpen();
        long[] values = new long[length];
        for (;;) {
            long sequence = UnsafeAccess.getLongVolatile(base + SEQUENCE);
            if ((sequence & 1) == 0) {
                copyPayload(values);
                long id = UnsafeAccess.getLong(base + ENTRY_ID);
                UnsafeAccess.loadFence();
                if (UnsafeAccess.getLongVolatile(base + SEQUENCE) == sequence) {
                    checkIdentity(id);
                    return values;
                }
            } else if (awaitReadable()) {
                copyPayload(values);
                return values;
            }
        }
    }

    // ---- writes

    final long exchange(int index, long canonical) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, index);
            long previous = ValueCodec.load(type, address);
            record(array ? Operation.ARRAY_SET : Operation.SET, index, canonical, 0, false);
            ValueCodec.store(type, address, canonical);
            return previous;
        } finally {
            endWrite(acquired);
        }
    }

    /** Adds {@code delta}; returns the new value if {@code returnNew}, else the previous one. */
    final long add(int index, long delta, boolean returnNew) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, index);
            long previous = ValueCodec.load(type, address);
            long next = ValueCodec.add(type, previous, delta);
            record(array ? Operation.ARRAY_ADD : Operation.ADD, index, next, delta, true);
            ValueCodec.store(type, address, next);
            return returnNew ? next : previous;
        } finally {
            endWrite(acquired);
        }
    }

    final boolean compareAndExchange(int index, long expected, long canonical) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, index);
            if (ValueCodec.load(type, address) != expected) {
                return false;
            }
            record(Operation.CAS, index, canonical, 0, false);
            ValueCodec.store(type, address, canonical);
            return true;
        } finally {
            endWrite(acquired);
        }
    }

    /** Applies {@code function} under the lock; returns the new value if {@code returnNew}, else the previous. */
    final long update(int index, LongUnaryOperator function, boolean returnNew) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, index);
            long previous = ValueCodec.load(type, address);
            long next = function.applyAsLong(previous);
            record(array ? Operation.ARRAY_SET : Operation.SET, index, next, 0, false);
            ValueCodec.store(type, address, next);
            return returnNew ? next : previous;
        } finally {
            endWrite(acquired);
        }
    }

    final void storeAll(long[] canonical) {
        boolean acquired = beginWrite();
        try {
            if (journaled) {
                store.journal().appendAll(Operation.FILL, nameUtf8, type, array, canonical);
            }
            for (int i = 0; i < length; i++) {
                ValueCodec.store(type, EntryLayout.elementAddress(base, type, i), canonical[i]);
            }
        } finally {
            endWrite(acquired);
        }
    }

    final void checkIndex(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for array \"" + name
                    + "\" of length " + length);
        }
    }

    final void checkLength(int valuesLength) {
        if (valuesLength != length) {
            throw new IllegalArgumentException("array \"" + name + "\" has length " + length + "; got "
                    + valuesLength + " values");
        }
    }

    // ---- the lock protocol

    /** Takes the key's lock for one operation; returns whether this call took it (false when nested). */
    final boolean beginWrite() {
        owner.checkWritable();
        long token = store.token();
        if (UnsafeAccess.compareAndSetLong(base + LOCK, OwnerToken.FREE, token)) {
            onAcquired(false);
            return true;
        }
        return beginWriteSlow(token);
    }

    private boolean beginWriteSlow(long token) {
        LockOutcome outcome = store.robustLock().acquire(base + LOCK, token, -1, false);
        switch (outcome) {
            case ACQUIRED:
                onAcquired(false);
                return true;
            case RECOVERED:
                onAcquired(true);
                return true;
            case NESTED:
                checkIdentity();
                return false;
            case REMOVED:
                throw removed();
            default:
                owner.checkOpen();
                throw new IllegalStateException("unexpected lock outcome " + outcome);
        }
    }

    /** Completes taking the lock: the entry must be the one this handle was made for. */
    final void onAcquired(boolean recovered) {
        if (UnsafeAccess.getLong(base + ENTRY_ID) != entryId) {
            UnsafeAccess.putLongRelease(base + LOCK, OwnerToken.FREE);
            throw removed();
        }
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLong(base + SEQUENCE, sequence | 1);
        UnsafeAccess.storeFence();
        if (recovered) {
            recoverFromDeadOwner();
        }
    }

    final void endWrite(boolean acquired) {
        UnsafeAccess.putInt(base + LAST_WRITER, store.pid());
        if (acquired) {
            release();
        }
    }

    /** Makes the sequence even and frees the lock; the caller holds it. */
    final void release() {
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLongRelease(base + SEQUENCE, (sequence | 1) + 1);
        UnsafeAccess.putLongRelease(base + LOCK, OwnerToken.FREE);
    }

    /** Called with the lock just taken over from a dead process: count it and journal what it left. */
    private void recoverFromDeadOwner() {
        UnsafeAccess.putShort(base + EntryLayout.HOLD_COUNT, (short) 0);
        UnsafeAccess.putLong(base + EntryLayout.LOCKED_SINCE_MICROS, 0);
        store.countLockRecovery(name);
        if (journaled) {
            long[] values = new long[length];
            copyPayload(values);
            store.journal().appendAll(Operation.LOCK_RECOVERED, nameUtf8, type, array, values);
        }
    }

    /**
     * Waits while a writer is active. Returns true when the caller may read without validation: the current
     * thread holds the lock itself, or (read-only) the writer is dead and cannot be repaired from here.
     */
    private boolean awaitReadable() {
        long word = UnsafeAccess.getLongVolatile(base + LOCK);
        if (word == OwnerToken.REMOVED) {
            throw removed();
        }
        if (!OwnerToken.isOwned(word)) {
            Thread.onSpinWait();
            return false;
        }
        if (word == store.token()) {
            return true;
        }
        if (store.robustLock().awaitRelease(base + LOCK, word)) {
            return false;
        }
        owner.checkOpen();
        if (owner.isReadOnly()) {
            return true;
        }
        // The writer died mid-change: take its lock over (which journals what it left) and release it.
        boolean acquired = beginWrite();
        endWrite(acquired);
        return false;
    }

    private void copyPayload(long[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = ValueCodec.load(type, EntryLayout.elementAddress(base, type, i));
        }
    }

    private void record(Operation operation, int index, long value, long delta, boolean hasDelta) {
        if (journaled) {
            store.journal().append(operation, nameUtf8, type, array, array ? index : -1, value, delta, hasDelta);
        }
    }

    final void checkIdentity() {
        checkIdentity(UnsafeAccess.getLongVolatile(base + ENTRY_ID));
    }

    private void checkIdentity(long id) {
        if (id != entryId) {
            throw removed();
        }
    }

    final KeyRemovedException removed() {
        owner.checkOpen();
        return new KeyRemovedException("key \"" + name + "\" was removed after this handle was obtained; "
                + "get a new handle by name if it has been created again");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + name + ", " + type.describe()
                + (array ? ", length " + length : "") + "}";
    }
}
