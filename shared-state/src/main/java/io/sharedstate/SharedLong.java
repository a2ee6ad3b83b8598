package io.sharedstate;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A 64-bit signed integer ({@code 'q'}) shared between processes; the equivalent of
 * {@code multiprocessing.Value('q')}, with the methods of {@link java.util.concurrent.atomic.AtomicLong}.
 * Every method is atomic across threads and processes; arithmetic wraps around on overflow.
 */
public interface SharedLong extends SharedHandle {
    /**
     * Returns the current value; waits while another thread or process holds the key in an explicit section.
     *
     * @return the current value
     */
    long get();

    /**
     * Returns the value as of the last completed change, without waiting: while another thread or process holds
     * the key in an explicit {@link SharedLock} section, the value from before that section.
     *
     * @return the value before any section in progress, or the current value if none is
     */
    long peek();

    /**
     * Sets the value.
     *
     * @param newValue the new value
     */
    void set(long newValue);

    /**
     * Sets the value and returns the previous one.
     *
     * @param newValue the new value
     * @return the previous value
     */
    long getAndSet(long newValue);

    /**
     * Sets the value to {@code newValue} if it is {@code expected}; returns whether it did.
     *
     * @param expected the value the key must hold
     * @param newValue the value to set if it does
     * @return true if the value was {@code expected} and is now {@code newValue}; false if it was not (nothing
     *         changed)
     */
    boolean compareAndSet(long expected, long newValue);

    /**
     * Adds one and returns the new value.
     *
     * @return the new value, wrapped around on overflow
     */
    long incrementAndGet();

    /**
     * Subtracts one and returns the new value.
     *
     * @return the new value, wrapped around on overflow
     */
    long decrementAndGet();

    /**
     * Adds one and returns the previous value.
     *
     * @return the previous value
     */
    long getAndIncrement();

    /**
     * Subtracts one and returns the previous value.
     *
     * @return the previous value
     */
    long getAndDecrement();

    /**
     * Adds {@code delta} and returns the new value.
     *
     * @param delta the amount to add; negative to subtract
     * @return the new value, wrapped around on overflow
     */
    long addAndGet(long delta);

    /**
     * Adds {@code delta} and returns the previous value.
     *
     * @param delta the amount to add; negative to subtract
     * @return the previous value
     */
    long getAndAdd(long delta);

    /**
     * Replaces the value with {@code function} applied to it, under the key's lock, and returns the new value.
     * The function runs exactly once; other operations on the key wait while it runs, so keep it short and
     * free of side effects. If it throws, the value is unchanged.
     *
     * @param function maps the current value to the new one
     * @return the new value
     * @throws NullPointerException if {@code function} is null
     */
    long updateAndGet(LongUnaryOperator function);

    /**
     * As {@link #updateAndGet}, but returns the previous value.
     *
     * @param function maps the current value to the new one
     * @return the previous value
     * @throws NullPointerException if {@code function} is null
     */
    long getAndUpdate(LongUnaryOperator function);

    /**
     * Replaces the value with {@code function.applyAsLong(value, x)}, as {@link #updateAndGet}; returns the new value.
     *
     * @param x the second argument of {@code function}
     * @param function maps the current value and {@code x} to the new value
     * @return the new value
     * @throws NullPointerException if {@code function} is null
     */
    long accumulateAndGet(long x, LongBinaryOperator function);

    /**
     * As {@link #accumulateAndGet}, but returns the previous value.
     *
     * @param x the second argument of {@code function}
     * @param function maps the current value and {@code x} to the new value
     * @return the previous value
     * @throws NullPointerException if {@code function} is null
     */
    long getAndAccumulate(long x, LongBinaryOperator function);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type and initial
     * value if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @return this handle if its key still exists, else a handle to the key of the same name
     * @throws TypeMismatchException if the key was created again with another type
     */
    SharedLong reattach();
}
