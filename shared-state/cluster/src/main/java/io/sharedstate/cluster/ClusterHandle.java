package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.KeyInfo;
import io.sharedstate.LockLostException;
import io.sharedstate.SharedHandle;
import io.sharedstate.SharedLock;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.KeyAccess;
import io.sharedstate.internal.ValueCodec;

import java.util.function.BiFunction;
import java.util.function.LongUnaryOperator;

/**
 * What every cluster handle shares: the key it was made for (its name and generation; a key removed and created
 * again is another key), and its operations, each one transaction of {@link KeyTransactions}.
 */
abstract class ClusterHandle implements SharedHandle, KeyAccess {
    final ClusterSharedState owner;
    final String name;
    final long generation;
    final TypeCode type;
    final boolean array;
    final int length;

    ClusterHandle(ClusterSharedState owner, String name, StoredValue entry) {
        this.owner = owner;
        this.name = name;
        this.generation = entry.generation();
        this.type = entry.type();
        this.array = entry.isArray();
        this.length = entry.length();
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
        return owner.lockOf(this);
    }

    @Override
    public final SharedLock lockInterruptibly() throws InterruptedException {
        return owner.lockOfInterruptibly(this);
    }

    @Override
    public final KeyInfo info() {
        return owner.info(name, stored(false));
    }

    @Override
    public final boolean isValid() {
        if (owner.isClosed()) {
            return false;
        }
        StoredValue current = owner.keys().find(name);
        return current != null && current.generation() == generation;
    }

    // ---- reads

    @Override
    public final long load(int index) {
        return stored(true).value(index);
    }

    @Override
    public final long peekLoad(int index) {
        return stored(false).value(index);
    }

    @Override
    public final long[] snapshot() {
        return stored(true).values();
    }

    private StoredValue stored(boolean waitForSection) {
        owner.checkOpen();
        return owner.keys().read(name, generation, waitForSection);
    }

    // ---- writes

    @Override
    public final long exchange(int index, long canonical) {
        long next = normalize(canonical);
        return change(current -> {
            long previous = current.value(index);
            return written(current, index, next, array ? Operation.ARRAY_SET : Operation.SET, null, previous);
        }).result();
    }

    /** Adds {@code delta}; returns the new value if {@code returnNew}, else the previous one. */
    @Override
    public final long add(int index, long delta, boolean returnNew) {
        return change(current -> {
            long previous = current.value(index);
            long next = ValueCodec.add(type, previous, delta);
            return written(current, index, next, array ? Operation.ARRAY_ADD : Operation.ADD, delta,
                    returnNew ? next : previous);
        }).result();
    }

    @Override
    public final boolean compareAndExchange(int index, long expected, long canonical) {
        long next = normalize(canonical);
        return change(current -> {
            long previous = current.value(index);
            if (previous != expected) {
                return Effect.none(previous, false);
            }
            return written(current, index, next, Operation.CAS, null, previous);
        }).succeeded();
    }

    /**
     * Applies {@code function} under the key's lock, once per call even across a member's failure; returns the new
     * value if {@code returnNew}, else the previous.
     */
    @Override
    public final long update(int index, LongUnaryOperator function, boolean returnNew) {
        return apply((keys, lockHeld) -> keys.changeUnderLock(name, generation, current -> {
            long previous = current.value(index);
            long next = normalize(function.applyAsLong(previous));
            return written(current, index, next, array ? Operation.ARRAY_SET : Operation.SET, null,
                    returnNew ? next : previous);
        }, lockHeld)).result();
    }

    @Override
    public final void storeAll(long[] canonical) {
        long[] next = canonical.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] = normalize(next[i]);
        }
        change(current -> new Effect(next, Operation.FILL, -1, next, null, 0, true));
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

    private Effect change(Change change) {
        return apply((keys, lockHeld) -> keys.change(name, generation, change, lockHeld));
    }

    /**
     * Runs one change, telling it whether the current thread holds the key's lock; a change that finds the lock lost
     * has it noted, so that unlocking does not report the loss again.
     */
    private Effect apply(BiFunction<KeyTransactions, Boolean, Effect> call) {
        owner.checkWritable();
        boolean lockHeld = owner.holdsLock(name);
        try {
            return call.apply(owner.keys(), lockHeld);
        } catch (LockLostException e) {
            if (lockHeld) {
                owner.lockLossReported(name);
            }
            throw e;
        }
    }

    private Effect written(StoredValue current, int index, long next, Operation operation, Long delta, long result) {
        long[] values = current.values();
        values[index] = next;
        return new Effect(values, operation, array ? index : -1, new long[] {next}, delta, result, true);
    }

    /** The value as storing it would leave it: integers wrapped to their width, floats rounded. */
    private long normalize(long canonical) {
        if (type == TypeCode.FLOAT64) {
            return canonical;
        }
        return type.isFloatingPoint() ? ValueCodec.toCanonical(type, Double.longBitsToDouble(canonical))
                : ValueCodec.wrap(type, canonical);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + type.describe() + (array ? "[" + length + "]" : "")
                + "]";
    }
}
