package io.sharedstate;

import java.util.function.DoubleUnaryOperator;

/**
 * An array of 64-bit floating-point numbers ({@code 'd'}) shared between processes; the equivalent of
 * {@code multiprocessing.Array('d', ...)}. See {@link SharedArray}.
 */
public interface SharedDoubleArray extends SharedArray {
    /** Returns the element at {@code index}. */
    double get(int index);

    /** Sets the element at {@code index}. */
    void set(int index, double newValue);

    /** Sets the element and returns its previous value. */
    double getAndSet(int index, double newValue);

    /** Sets the element to {@code newValue} if its bits equal those of {@code expected}; returns whether it did. */
    boolean compareAndSet(int index, double expected, double newValue);

    /** Adds {@code delta} to the element and returns its new value. */
    double addAndGet(int index, double delta);

    /** Adds {@code delta} to the element and returns its previous value. */
    double getAndAdd(int index, double delta);

    /** Replaces the element with {@code function} applied to it, under the array's lock; returns the new value. */
    double updateAndGet(int index, DoubleUnaryOperator function);

    /** Returns a consistent snapshot of all elements. */
    double[] toArray();

    /**
     * Replaces all elements at once.
     *
     * @throws IllegalArgumentException if {@code values.length != length()}
     */
    void set(double[] values);

    /** Sets every element to {@code value}, atomically over the whole array. */
    void fill(double value);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type, length and initial
     * values if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @throws TypeMismatchException if the key was created again with another type or length
     */
    SharedDoubleArray reattach();
}
