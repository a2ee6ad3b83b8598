package io.sharedstate.store;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.JournalMode;
import io.sharedstate.KeyInfo;
import io.sharedstate.KeyRemovedException;
import io.sharedstate.SharedHandle;
import io.sharedstate.SharedLock;
import io.sharedstate.SharedStateException;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.KeyAccess;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.internal.ValueCodec;
import io.sharedstate.lock.LockOutcome;
import io.sharedstate.lock.OwnerToken;

import java.nio.charset.StandardCharsets;
import java.util.function.LongUnaryOperator;

import static io.sharedstate.store.EntryLayout.COMMITTED;
import static io.sharedstate.store.EntryLayout.ENTRY_ID;
import static io.sharedstate.store.EntryLayout.HOLD_COUNT;
import static io.sharedstate.store.EntryLayout.LAST_WRITER;
import static io.sharedstate.store.EntryLayout.LOCK;
import static io.sharedstate.store.EntryLayout.SEQUENCE;
import static io.sharedstate.store.EntryLayout.STATE;
import static io.sharedstate.store.EntryLayout.STATE_WHOLE_WRITE;

/**
 * The operations of a handle on one key's entry, on values in canonical form (see {@link ValueCodec}); the
 * public handle types adapt them to their Java types.
 *
 * <p>Writers take the key's lock word with one compare-and-set (falling back to
 * {@link io.sharedstate.lock.RobustLock} when it is held), make the sequence odd, change the payload, stage the
 * change in this process's journal ring, make the sequence even and release the lock. Readers never write while
 * the writer is alive: they read the sequence, the payload and the sequence again, and retry if a writer was
 * active; a reader that finds the writer dead repairs the key (takes the lock over, journals what the dead writer
 * left, releases it), which is the one write a reader makes. Inside an explicit {@link SharedLock} section the
 * owning thread's operations run nested, without taking the lock again.
 */
abstract class EntryHandle implements SharedHandle, KeyAccess {
    /** Optimistic reads of a large array before a reader takes the lock to read it. */
    private static final int OPTIMISTIC_SNAPSHOTS = 16;

    final ChronicleSharedState owner;
    final SharedStore store;
    final String name;
    final byte[] nameUtf8;
    final long base;
    final long entryId;
    final TypeCode type;
    final int length;
    final boolean array;
    final JournalMode mode;
    final KeySpec spec;
    /** Set once this process knows the key was removed, so that nothing touches its bytes again. */
    private volatile boolean retired;

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
        this.mode = entry.journalMode();
        this.spec = spec;
        store.track(this);
        // A creation that found the staging ring full leaves its event pending with no handle to flush it yet.
        if (UnsafeAccess.getIntVolatile(base + EntryLayout.PENDING) > 0) {
            store.pendingFlushes().add(this);
        }
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
    public final int length() {
        return length;
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
        checkUsable();
        checkIdentity();
        return new EntryView(base).info(name, store);
    }

    @Override
    public final boolean isValid() {
        owner.checkOpen();
        return !retired && UnsafeAccess.getLongVolatile(base + ENTRY_ID) == entryId
                && UnsafeAccess.getLongVolatile(base + LOCK) != OwnerToken.REMOVED;
    }

    /** Marks the handle as one of a removed key: from now on it fails without reading the key's bytes. */
    final void retire() {
        retired = true;
    }

    /** Returns whether this process knows the key was removed. */
    final boolean isRetired() {
        return retired;
    }

    // ---- reads

    @Override
    public final long load(int index) {
        checkUsable();
        long address = EntryLayout.elementAddress(base, type, array, index);
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

    /** Reads a single value without waiting for an explicit section: the value from before it, if one is open. */
    @Override
    public final long peekLoad(int index) {
        checkUsable();
        long address = EntryLayout.elementAddress(base, type, array, index);
        if (store.robustLock().holds().isHeldByCurrentThread(base + LOCK)) {
            return ValueCodec.load(type, address);
        }
        for (;;) {
            long sequence = UnsafeAccess.getLongVolatile(base + SEQUENCE);
            long value = (sequence & 1) == 0 ? ValueCodec.load(type, address) : UnsafeAccess.getLong(base + COMMITTED);
            int holds = UnsafeAccess.getShort(base + HOLD_COUNT);
            long id = UnsafeAccess.getLong(base + ENTRY_ID);
            UnsafeAccess.loadFence();
            if (UnsafeAccess.getLongVolatile(base + SEQUENCE) == sequence && ((sequence & 1) == 0 || holds > 0)) {
                checkIdentity(id);
                return value;
            }
            if ((sequence & 1) != 0 && holds == 0 && awaitReadable()) {
                return ValueCodec.load(type, address);
            }
        }
    }

    @Override
    public final long[] snapshot() {
        checkUsable();
        long[] values = new long[length];
        for (int attempt = 0; ; attempt++) {
            long sequence = UnsafeAccess.getLongVolatile(base + SEQUENCE);
            if ((sequence & 1) == 0) {
                copyPayload(values);
                long id = UnsafeAccess.getLong(base + ENTRY_ID);
                UnsafeAccess.loadFence();
                if (UnsafeAccess.getLongVolatile(base + SEQUENCE) == sequence) {
                    checkIdentity(id);
                    return values;
                }
                if (attempt >= OPTIMISTIC_SNAPSHOTS) {
                    // Writers keep changing elements faster than the whole array can be read: read it under the
                    // lock, as one more writer would, so that the reader cannot starve.
                    if (!owner.isReadOnly()) {
                        return lockedSnapshot(values);
                    }
                    if (store.hasRegistration()) {
                        return readerLockedSnapshot(values);
                    }
                }
            } else if (awaitReadable()) {
                copyPayload(values);
                return values;
            }
        }
    }

    /**
     * A read-only process cannot repair what a dead writer left, so it never takes a lock over: it takes the lock
     * when it is free, reads, and frees it, leaving the sequence as it was (nothing was written).
     */
    private long[] readerLockedSnapshot(long[] values) {
        long token = store.token();
        while (!UnsafeAccess.compareAndSetLong(base + LOCK, OwnerToken.FREE, token)) {
            awaitReadable();
        }
        try {
            checkIdentity();
            copyPayload(values);
            return values;
        } finally {
            UnsafeAccess.putLongRelease(base + LOCK, OwnerToken.FREE);
        }
    }

    private long[] lockedSnapshot(long[] values) {
        boolean acquired = beginWrite();
        try {
            copyPayload(values);
            return values;
        } finally {
            endWrite(acquired, false);
        }
    }

    // ---- writes

    @Override
    public final long exchange(int index, long canonical) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, array, index);
            long previous = ValueCodec.load(type, address);
            record(array ? Operation.ARRAY_SET : Operation.SET, index, previous, canonical, 0, false);
            ValueCodec.store(type, address, canonical);
            afterChange(index, canonical);
            return previous;
        } finally {
            endWrite(acquired, true);
        }
    }

    /** Adds {@code delta}; returns the new value if {@code returnNew}, else the previous one. */
    @Override
    public final long add(int index, long delta, boolean returnNew) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, array, index);
            long previous = ValueCodec.load(type, address);
            long next = ValueCodec.add(type, previous, delta);
            record(array ? Operation.ARRAY_ADD : Operation.ADD, index, previous, next, delta, true);
            ValueCodec.store(type, address, next);
            afterChange(index, next);
            return returnNew ? next : previous;
        } finally {
            endWrite(acquired, true);
        }
    }

    @Override
    public final boolean compareAndExchange(int index, long expected, long canonical) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, array, index);
            long previous = ValueCodec.load(type, address);
            if (previous != expected) {
                return false;
            }
            record(Operation.CAS, index, previous, canonical, 0, false);
            ValueCodec.store(type, address, canonical);
            afterChange(index, canonical);
            return true;
        } finally {
            endWrite(acquired, true);
        }
    }

    /** Applies {@code function} under the lock; returns the new value if {@code returnNew}, else the previous. */
    @Override
    public final long update(int index, LongUnaryOperator function, boolean returnNew) {
        boolean acquired = beginWrite();
        try {
            long address = EntryLayout.elementAddress(base, type, array, index);
            long previous = ValueCodec.load(type, address);
            long next = function.applyAsLong(previous);
            record(array ? Operation.ARRAY_SET : Operation.SET, index, previous, next, 0, false);
            ValueCodec.store(type, address, next);
            afterChange(index, next);
            return returnNew ? next : previous;
        } finally {
            endWrite(acquired, true);
        }
    }

    @Override
    public final void storeAll(long[] canonical) {
        boolean acquired = beginWrite();
        try {
            // Marked for the length of the write, so that whoever takes the lock over from a writer that dies
            // half-way knows the array may be half-written.
            setState(STATE_WHOLE_WRITE, true);
            EntryJournal.recordAll(store, this, Operation.FILL, canonical);
            for (int i = 0; i < length; i++) {
                ValueCodec.store(type, EntryLayout.elementAddress(base, type, array, i), canonical[i]);
            }
            setState(STATE_WHOLE_WRITE, false);
            afterChange(-1, 0);
        } finally {
            endWrite(acquired, true);
        }
    }

    @Override
    public final void checkIndex(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for array \"" + name
                    + "\" of length " + length);
        }
    }

    @Override
    public final void checkLength(int valuesLength) {
        if (valuesLength != length) {
            throw new IllegalArgumentException("array \"" + name + "\" has length " + length + "; got "
                    + valuesLength + " values");
        }
    }

    // ---- the lock protocol

    /** Takes the key's lock for one operation; returns whether this call took it (false when nested). */
    final boolean beginWrite() {
        owner.checkWritable();
        if (retired) {
            throw removed();
        }
        long token = store.token();
        if (UnsafeAccess.compareAndSetLong(base + LOCK, OwnerToken.FREE, token)) {
            onAcquired(token, false);
            return true;
        }
        return beginWriteSlow(token);
    }

    private boolean beginWriteSlow(long token) {
        LockOutcome outcome = store.robustLock().acquire(base + LOCK, token, -1, false);
        switch (outcome) {
            case ACQUIRED:
                onAcquired(token, false);
                return true;
            case RECOVERED:
                onAcquired(token, true);
                return true;
            case NESTED:
                checkIdentity();
                return false;
            case REMOVED:
                retire();
                throw removed();
            default:
                owner.checkOpen();
                throw new IllegalStateException("unexpected lock outcome " + outcome);
        }
    }

    /**
     * Completes taking the lock: repairs what a dead owner left, then checks that the entry is still the one this
     * handle was made for. If it is not, the lock is released as it was found (its sequence even) and the caller
     * gets {@link KeyRemovedException}.
     */
    final void onAcquired(long token, boolean recovered) {
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLong(base + SEQUENCE, sequence | 1);
        UnsafeAccess.storeFence();
        if (recovered) {
            try {
                if (!EntryRepair.repairTakenOver(store, base, name)) {
                    retire();
                    throw removed();
                }
            } catch (RuntimeException | Error e) {
                if (UnsafeAccess.getLongVolatile(base + LOCK) == token) {
                    releaseHeld(token);
                }
                throw e;
            }
        }
        if (UnsafeAccess.getLong(base + ENTRY_ID) != entryId) {
            releaseHeld(token);
            retire();
            throw removed();
        }
    }

    /** Ends a write: records the writer and releases the lock if this call took it. */
    final void endWrite(boolean acquired, boolean wrote) {
        if (wrote) {
            UnsafeAccess.putInt(base + LAST_WRITER, store.pid());
        }
        if (acquired) {
            release();
        }
    }

    /** Makes the sequence even and frees the lock; the calling thread holds it. */
    final void release() {
        long token = store.token();
        if (UnsafeAccess.getLongVolatile(base + LOCK) != token) {
            throw new IllegalMonitorStateException("the lock of key \"" + name + "\" is no longer held by this "
                    + "thread: another process took it over, having found this process's registration gone (the "
                    + "store was closed, or this process was stopped for longer than its slot was kept)");
        }
        releaseHeld(token);
    }

    /** Releases the lock the caller holds as {@code token}: the sequence even first, then the lock word. */
    final void releaseHeld(long token) {
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLongRelease(base + SEQUENCE, (sequence | 1) + 1);
        UnsafeAccess.putLongRelease(base + LOCK, OwnerToken.FREE);
    }

    /**
     * Waits while a writer is active. Returns true when the caller may read without validation: the current
     * thread holds the lock itself.
     */
    private boolean awaitReadable() {
        long word = UnsafeAccess.getLongVolatile(base + LOCK);
        if (word == OwnerToken.REMOVED) {
            retire();
            throw removed();
        }
        if (!OwnerToken.isOwned(word)) {
            Thread.onSpinWait();
            return false;
        }
        if (store.robustLock().holds().isHeldByCurrentThread(base + LOCK)) {
            return true;
        }
        long token = store.hasRegistration() ? store.token() : 0;
        if (store.robustLock().awaitRelease(base + LOCK, word, token)) {
            return false;
        }
        owner.checkOpen();
        if (!store.canRepair()) {
            throw new SharedStateException("key \"" + name + "\" was left mid-change by a process that died; it is "
                    + "repaired as soon as a process opens the store for writing (this one opened it read-only)");
        }
        // The writer died mid-change: take its lock over (which journals what it left) and release it.
        boolean acquired = beginWrite();
        endWrite(acquired, false);
        return false;
    }

    /** Returns a copy of every element in canonical form; the caller knows it is consistent. */
    final long[] copyPayload() {
        long[] values = new long[length];
        copyPayload(values);
        return values;
    }

    private void copyPayload(long[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = ValueCodec.load(type, EntryLayout.elementAddress(base, type, array, i));
        }
    }

    private void record(Operation operation, int index, long previous, long value, long delta, boolean hasDelta) {
        if (mode != JournalMode.OFF) {
            EntryJournal.recordOne(store, this, operation, index, previous, value, delta, hasDelta);
        }
    }

    /** After a change of a coalesced key: journals what is pending if its interval has passed. */
    private void afterChange(int index, long current) {
        if (mode == JournalMode.COALESCED && EntryJournal.isDue(store, base, store.header().coarseClockMillis())) {
            EntryJournal.flush(store, this, index, array ? 0 : current);
        }
    }

    /**
     * Journals what is pending, if due; the store's maintenance calls it for keys nobody changed since, whether or
     * not the instance this handle came from is still open.
     *
     * @return whether changes are still pending
     */
    final boolean flushPendingIfDue(long nowMillis) {
        if (retired || store.isClosed()) {
            return false;
        }
        if (!EntryJournal.isDue(store, base, nowMillis)) {
            return UnsafeAccess.getIntVolatile(base + EntryLayout.PENDING) > 0;
        }
        long token = store.token();
        LockOutcome outcome = UnsafeAccess.compareAndSetLong(base + LOCK, OwnerToken.FREE, token)
                ? LockOutcome.ACQUIRED : store.robustLock().acquire(base + LOCK, token, -1, false);
        switch (outcome) {
            case ACQUIRED:
            case RECOVERED:
                break;
            case REMOVED:
                retire();
                return false;
            default:
                return UnsafeAccess.getIntVolatile(base + EntryLayout.PENDING) > 0;
        }
        try {
            onAcquired(token, outcome == LockOutcome.RECOVERED);
            return !EntryJournal.flush(store, this, -1, array ? 0 : ValueCodec.load(type, base + EntryLayout.VALUE));
        } catch (KeyRemovedException | io.sharedstate.StoreClosedException e) {
            return false;
        } finally {
            if (UnsafeAccess.getLongVolatile(base + LOCK) == token) {
                releaseHeld(token);
            }
        }
    }

    private void setState(int bit, boolean on) {
        int state = UnsafeAccess.getByte(base + STATE);
        UnsafeAccess.putByte(base + STATE, (byte) (on ? state | bit : state & ~bit));
    }

    final void checkIdentity() {
        checkIdentity(UnsafeAccess.getLongVolatile(base + ENTRY_ID));
    }

    private void checkIdentity(long id) {
        if (id != entryId) {
            retire();
            throw removed();
        }
    }

    /** Fails for a closed store, or a handle this process knows to be of a removed key. */
    final void checkUsable() {
        owner.checkOpen();
        if (retired) {
            throw removed();
        }
    }

    final KeyRemovedException removed() {
        owner.checkOpen();
        return new KeyRemovedException("key \"" + name + "\" was removed after this handle was obtained; "
                + "continue with handle.reattach(), which gets (or creates again) the key of this name");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + name + ", " + type.describe()
                + (array ? ", length " + length : "") + "}";
    }
}
