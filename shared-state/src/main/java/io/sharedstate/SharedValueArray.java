package io.sharedstate;

/**
 * An array of any {@link TypeCode}, shared between processes; the general form of
 * {@code multiprocessing.Array(typecode, ...)}. Elements are {@link Number}s, converted and range-checked as
 * described in {@link SharedValue}. See {@link SharedArray}.
 */
public interface SharedValueArray extends SharedArray {
    /**
     * Returns the element at {@code index}.
     *
     * @param index the element's index, in {@code [0, length())}
     * @return the element, as described in {@link SharedValue}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    Number get(int index);

    /**
     * Sets the element at {@code index}.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param newValue the element's new value, of a {@link Number} class the type accepts (see
     *         {@link SharedValue#set})
     * @throws ValueOutOfRangeException if the value does not fit the type
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws NullPointerException if {@code newValue} is null
     */
    void set(int index, Number newValue);

    /**
     * Sets the element to {@code newValue} if it equals {@code expected}, compared in the array's type.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param expected the value the element must hold; it must fit the type, as {@code newValue} must
     * @param newValue the value to set if it does
     * @return true if the element was {@code expected} and is now {@code newValue}; false if it was not
     *         (nothing changed)
     * @throws ValueOutOfRangeException if {@code expected} or {@code newValue} does not fit the type
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    boolean compareAndSet(int index, Number expected, Number newValue);

    /**
     * Adds {@code delta} to the element, wrapping around for integer kinds, and returns its new value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param delta the amount to add, negative to subtract: a whole number for integer kinds (any size: it wraps)
     * @return the element's new value
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     */
    Number addAndGet(int index, Number delta);

    /**
     * As {@link #addAndGet}, but returns the previous value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @param delta the amount to add, negative to subtract: a whole number for integer kinds (any size: it wraps)
     * @return the element's previous value
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     */
    Number getAndAdd(int index, Number delta);

    /**
     * Adds one to the element and returns its new value.
     *
     * @param index the element's index, in {@code [0, length())}
     * @return the element's new value, wrapped around for integer kinds
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     */
    Number incrementAndGet(int index);

    /**
     * Returns a consistent snapshot of all elements.
     *
     * @return a new array of {@link #length()} elements, as they were at one instant
     */
    Number[] toArray();

    /**
     * Replaces all elements at once.
     *
     * @param values the new elements, {@link #length()} of them; not kept
     * @throws IllegalArgumentException if {@code values.length != length()}
     * @throws ValueOutOfRangeException if a value does not fit the type; then nothing is changed
     * @throws NullPointerException if {@code values} or one of its elements is null
     */
    void set(Number[] values);

    /**
     * Sets every element to {@code value}, atomically over the whole array.
     *
     * @param value the new value of every element
     * @throws ValueOutOfRangeException if {@code value} does not fit the type
     * @throws NullPointerException if {@code value} is null
     */
    void fill(Number value);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type, length and initial
     * values if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @return this handle if its key still exists, else a handle to the key of the same name
     * @throws TypeMismatchException if the key was created again with another type or length
     */
    SharedValueArray reattach();
}
