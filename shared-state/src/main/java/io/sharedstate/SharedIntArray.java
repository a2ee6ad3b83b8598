package io.sharedstate;

import java.util.function.IntUnaryOperator;

/** An array of 32-bit signed integers ({@code 'i'}) shared between processes. See {@link SharedArray}. */
public interface SharedIntArray extends SharedArray {
    /** Returns the element at {@code index}. */
    int get(int index);

    /** Sets the element at {@code index}. */
    void set(int index, int newValue);

    /** Sets the element and returns its previous value. */
    int getAndSet(int index, int newValue);

    /** Sets the element to {@code newValue} if it is {@code expected}; returns whether it did. */
    boolean compareAndSet(int index, int expected, int newValue);

    /** Adds {@code delta} to the element and returns its new value. */
    int addAndGet(int index, int delta);

    /** Adds {@code delta} to the element and returns its previous value. */
    int getAndAdd(int index, int delta);

    /** Adds one to the element and returns its new value. */
    int incrementAndGet(int index);

    /** Subtracts one from the element and returns its new value. */
    int decrementAndGet(int index);

    /** Replaces the element with {@code function} applied to it, under the array's lock; returns the new value. */
    int updateAndGet(int index, IntUnaryOperator function);

    /** Returns a consistent snapshot of all elements. */
    int[] toArray();

    /**
     * Replaces all elements at once.
     *
     * @throws IllegalArgumentException if {@code values.length != length()}
     */
    void set(int[] values);

    /** Sets every element to {@code value}, atomically over the whole array. */
    void fill(int value);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type, length and initial
     * values if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @throws TypeMismatchException if the key was created again with another type or length
     */
    SharedIntArray reattach();
}
