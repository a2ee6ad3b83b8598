package io.sharedstate.internal;

import io.sharedstate.TypeCode;

import java.util.function.LongUnaryOperator;

/**
 * Internal, not an API: the operations on one key's values that a store implements, each value in its canonical
 * form (a {@code long}: see {@link ValueCodec}), every change atomic. The typed handles ({@link LongAdapter} and
 * the others) are written once over it; the local store and the cluster each implement it in their handles' base
 * class.
 */
public interface KeyAccess {
    /** Returns the key's typecode. */
    TypeCode typecode();

    /** Returns how many values the key holds: 1 for a scalar. */
    int length();

    /** Returns the value at {@code index}, waiting for a compound section another thread holds. */
    long load(int index);

    /** Returns the value at {@code index} as last committed, without waiting for a section. */
    long peekLoad(int index);

    /** Returns every value, read at one instant. */
    long[] snapshot();

    /** Sets the value at {@code index}; returns the previous one. */
    long exchange(int index, long canonical);

    /** Adds {@code delta} with the type's wrap-around; returns the new value if {@code returnNew}, else the old. */
    long add(int index, long delta, boolean returnNew);

    /** Sets the value at {@code index} if it is {@code expected}; returns whether it did. */
    boolean compareAndExchange(int index, long expected, long canonical);

    /** Applies {@code function} once, atomically; returns the new value if {@code returnNew}, else the old. */
    long update(int index, LongUnaryOperator function, boolean returnNew);

    /** Sets every value at once. */
    void storeAll(long[] canonical);

    /**
     * Checks an element index.
     *
     * @throws IndexOutOfBoundsException if it is outside the key's values
     */
    void checkIndex(int index);

    /**
     * Checks the length of the values given for the whole key.
     *
     * @throws IllegalArgumentException if it is not the key's length
     */
    void checkLength(int valuesLength);
}
