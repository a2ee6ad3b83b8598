package io.sharedstate;

/**
 * An array of any {@link TypeCode}, shared between processes; the general form of
 * {@code multiprocessing.Array(typecode, ...)}. Elements are {@link Number}s, converted and range-checked as
 * described in {@link SharedValue}. See {@link SharedArray}.
 */
public interface SharedValueArray extends SharedArray {
    /** Returns the element at {@code index}. */
    Number get(int index);

    /**
     * Sets the element at {@code index}.
     *
     * @throws ValueOutOfRangeException if the value does not fit the type
     */
    void set(int index, Number newValue);

    /** Sets the element to {@code newValue} if it equals {@code expected}, compared in the array's type. */
    boolean compareAndSet(int index, Number expected, Number newValue);

    /**
     * Adds {@code delta} to the element, wrapping around for integer kinds, and returns its new value.
     *
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     */
    Number addAndGet(int index, Number delta);

    /** As {@link #addAndGet}, but returns the previous value. */
    Number getAndAdd(int index, Number delta);

    /** Adds one to the element and returns its new value. */
    Number incrementAndGet(int index);

    /** Returns a consistent snapshot of all elements. */
    Number[] toArray();

    /**
     * Replaces all elements at once.
     *
     * @throws IllegalArgumentException if {@code values.length != length()}
     * @throws ValueOutOfRangeException if a value does not fit the type; then nothing is changed
     */
    void set(Number[] values);

    /** Sets every element to {@code value}, atomically over the whole array. */
    void fill(Number value);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type, length and initial
     * values if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @throws TypeMismatchException if the key was created again with another type or length
     */
    SharedValueArray reattach();
}
