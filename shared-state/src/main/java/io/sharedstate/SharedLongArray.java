package io.sharedstate;

import java.util.function.LongUnaryOperator;

/** An array of 64-bit signed integers ({@code 'q'}) shared between processes. See {@link SharedArray}. */
public interface SharedLongArray extends SharedArray {
    /** Returns the element at {@code index}. */
    long get(int index);

    /** Sets the element at {@code index}. */
    void set(int index, long newValue);

    /** Sets the element and returns its previous value. */
    long getAndSet(int index, long newValue);

    /** Sets the element to {@code newValue} if it is {@code expected}; returns whether it did. */
    boolean compareAndSet(int index, long expected, long newValue);

    /** Adds {@code delta} to the element and returns its new value. */
    long addAndGet(int index, long delta);

    /** Adds {@code delta} to the element and returns its previous value. */
    long getAndAdd(int index, long delta);

    /** Adds one to the element and returns its new value. */
    long incrementAndGet(int index);

    /** Subtracts one from the element and returns its new value. */
    long decrementAndGet(int index);

    /** Replaces the element with {@code function} applied to it, under the array's lock; returns the new value. */
    long updateAndGet(int index, LongUnaryOperator function);

    /** Returns a consistent snapshot of all elements. */
    long[] toArray();

    /**
     * Replaces all elements at once.
     *
     * @throws IllegalArgumentException if {@code values.length != length()}
     */
    void set(long[] values);

    /** Sets every element to {@code value}, atomically over the whole array. */
    void fill(long value);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type, length and initial
     * values if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @throws TypeMismatchException if the key was created again with another type or length
     */
    SharedLongArray reattach();
}
