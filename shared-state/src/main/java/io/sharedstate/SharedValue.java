package io.sharedstate;

/**
 * A value of any {@link TypeCode}, shared between processes; the general form of
 * {@code multiprocessing.Value(typecode)}. Every method is atomic across threads and processes.
 *
 * <p>Values are {@link Number}s. {@link #get()} returns a {@link Long} for integer kinds (a
 * {@link java.math.BigInteger} for {@code 'Q'}/{@code 'L'} values above {@link Long#MAX_VALUE}), a
 * {@link Double} for {@code 'f'} and {@code 'd'}, and a {@link Long} holding the byte, the code point, or 0/1
 * for {@code 'c'}, {@code 'u'} and {@code '?'}. Values given to {@link #set} must fit the type
 * ({@link ValueOutOfRangeException}); integers are not accepted as {@code Double}s. Arithmetic on integer
 * kinds wraps around like ctypes; it is not supported on {@code 'c'}, {@code 'u'} and {@code '?'}.
 */
public interface SharedValue extends SharedHandle {
    /**
     * Returns the current value; waits while another thread or process holds the key in an explicit section.
     *
     * @return the value, as described in {@link SharedValue}
     */
    Number get();

    /**
     * Returns the value as of the last completed change, without waiting: while another thread or process holds
     * the key in an explicit {@link SharedLock} section, the value from before that section.
     *
     * @return the value before any section in progress, or the current value if none is
     */
    Number peek();

    /**
     * Returns the current value as a {@code long}: the bits of a 64-bit unsigned value, or a truncated float.
     *
     * @return the value as a {@code long}
     */
    long getAsLong();

    /**
     * Returns the current value as a {@code double}.
     *
     * @return the value as a {@code double}; a 64-bit integer may lose precision
     */
    double getAsDouble();

    /**
     * Sets the value.
     *
     * @param newValue the new value; for integer kinds a whole number of an integer class ({@link Long},
     *         {@link java.math.BigInteger}, ...) or a whole {@link java.math.BigDecimal}, never a {@link Double}
     * @throws ValueOutOfRangeException if the value does not fit the type
     * @throws IllegalArgumentException if {@code newValue} is not a whole number and the type is an integer kind
     * @throws NullPointerException if {@code newValue} is null
     */
    void set(Number newValue);

    /**
     * Sets the value and returns the previous one.
     *
     * @param newValue the new value; for integer kinds a whole number of an integer class ({@link Long},
     *         {@link java.math.BigInteger}, ...) or a whole {@link java.math.BigDecimal}, never a {@link Double}
     * @return the previous value
     * @throws ValueOutOfRangeException if the value does not fit the type
     * @throws IllegalArgumentException if {@code newValue} is not a whole number and the type is an integer kind
     * @throws NullPointerException if {@code newValue} is null
     */
    Number getAndSet(Number newValue);

    /**
     * Sets the value to {@code newValue} if it equals {@code expected}, compared in the key's type.
     *
     * @param expected the value the key must hold; it must fit the type, as {@code newValue} must
     * @param newValue the value to set if it does; as for {@link #set}
     * @return true if the value was {@code expected} and is now {@code newValue}; false if it was not (nothing
     *         changed)
     * @throws ValueOutOfRangeException if {@code expected} or {@code newValue} does not fit the type
     * @throws NullPointerException if {@code expected} or {@code newValue} is null
     */
    boolean compareAndSet(Number expected, Number newValue);

    /**
     * Adds {@code delta}, wrapping around for integer kinds, and returns the new value.
     *
     * @param delta the amount to add, negative to subtract: a whole number for integer kinds (any size: it wraps)
     * @return the new value
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     * @throws IllegalArgumentException if {@code delta} is not a whole number and the type is an integer kind
     */
    Number addAndGet(Number delta);

    /**
     * As {@link #addAndGet}, but returns the previous value.
     *
     * @param delta the amount to add, negative to subtract: a whole number for integer kinds (any size: it wraps)
     * @return the previous value
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     */
    Number getAndAdd(Number delta);

    /**
     * Adds one and returns the new value.
     *
     * @return the new value, wrapped around for integer kinds
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     */
    Number incrementAndGet();

    /**
     * Subtracts one and returns the new value.
     *
     * @return the new value, wrapped around for integer kinds
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     */
    Number decrementAndGet();

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type and initial
     * value if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @return this handle if its key still exists, else a handle to the key of the same name
     * @throws TypeMismatchException if the key was created again with another type
     */
    SharedValue reattach();
}
