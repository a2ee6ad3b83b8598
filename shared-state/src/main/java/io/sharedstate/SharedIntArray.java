package io.sharedstate;

import java.util.function.IntUnaryOperator;

/** An array of 32-bit signed integers ({@code 'i'}) shared between processes. See {@link SharedArray}. */
public interface SharedIntArray extends SharedArray {
    /**
     * Returns the element at {@code index}.
     *
     * @param index the element's index, in {@code [0, length())}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    int get(int index);

    /**
     * Sets the element at {@code index}.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param newValue the element's new value
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    void set(int index, int newValue);

    /**
     * Sets the element and returns its previous value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param newValue the element's new value
     * @return the element's previous value
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    int getAndSet(int index, int newValue);

    /**
     * Sets the element to {@code newValue} if it is {@code expected}; returns whether it did.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param expected the value the element must hold
     * @param newValue the value to set if it does
     * @return true if the element was {@code expected} and is now {@code newValue}; false if it was not
     *         (nothing changed)
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    boolean compareAndSet(int index, int expected, int newValue);

    /**
     * Adds {@code delta} to the element and returns its new value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param delta the amount to add; negative to subtract
     * @return the element's new value, wrapped around on overflow
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    int addAndGet(int index, int delta);

    /**
     * Adds {@code delta} to the element and returns its previous value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param delta the amount to add; negative to subtract
     * @return the element's previous value
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    int getAndAdd(int index, int delta);

    /**
     * Adds one to the element and returns its new value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @return the element's new value, wrapped around on overflow
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    int incrementAndGet(int index);

    /**
     * Subtracts one from the element and returns its new value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @return the element's new value, wrapped around on overflow
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    int decrementAndGet(int index);

    /**
     * Replaces the element with {@code function} applied to it, under the array's lock; returns the new value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param function maps the element to its new value; runs once, while other operations on the array wait
     * @return the element's new value
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws NullPointerException if {@code function} is null
     */
    int updateAndGet(int index, IntUnaryOperator function);

    /**
     * Returns a consistent snapshot of all elements.
     *
     * @return a new array of {@link #length()} elements, as they were at one instant
     */
    int[] toArray();

    /**
     * Replaces all elements at once.
     *
     * @param values the new elements, {@link #length()} of them; not kept
     * @throws IllegalArgumentException if {@code values.length != length()}
     */
    void set(int[] values);

    /**
     * Sets every element to {@code value}, atomically over the whole array.
     *
     * @param value the new value of every element
     */
    void fill(int value);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type, length and initial
     * values if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @return this handle if its key still exists, else a handle to the key of the same name
     * @throws TypeMismatchException if the key was created again with another type or length
     */
    SharedIntArray reattach();
}
