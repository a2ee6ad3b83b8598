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
    /** Returns the current value; waits while another thread or process holds the key in an explicit section. */
    Number get();

    /**
     * Returns the value as of the last completed change, without waiting: while another thread or process holds
     * the key in an explicit {@link SharedLock} section, the value from before that section.
     */
    Number peek();

    /** Returns the current value as a {@code long}: the bits of a 64-bit unsigned value, or a truncated float. */
    long getAsLong();

    /** Returns the current value as a {@code double}. */
    double getAsDouble();

    /**
     * Sets the value.
     *
     * @throws ValueOutOfRangeException if the value does not fit the type
     */
    void set(Number newValue);

    /** Sets the value and returns the previous one. */
    Number getAndSet(Number newValue);

    /** Sets the value to {@code newValue} if it equals {@code expected}, compared in the key's type. */
    boolean compareAndSet(Number expected, Number newValue);

    /**
     * Adds {@code delta}, wrapping around for integer kinds, and returns the new value.
     *
     * @throws UnsupportedOperationException for {@code 'c'}, {@code 'u'} and {@code '?'}
     */
    Number addAndGet(Number delta);

    /** As {@link #addAndGet}, but returns the previous value. */
    Number getAndAdd(Number delta);

    /** Adds one and returns the new value. */
    Number incrementAndGet();

    /** Subtracts one and returns the new value. */
    Number decrementAndGet();

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type and initial
     * value if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @throws TypeMismatchException if the key was created again with another type
     */
    SharedValue reattach();
}
