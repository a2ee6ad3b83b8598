package io.sharedstate;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * A 32-bit signed integer ({@code 'i'}) shared between processes; the equivalent of
 * {@code multiprocessing.Value('i')}, with the methods of {@link java.util.concurrent.atomic.AtomicInteger}.
 * Every method is atomic across threads and processes; arithmetic wraps around on overflow, as in ctypes.
 */
public interface SharedInt extends SharedHandle {
    /**
     * Returns the current value; waits while another thread or process holds the key in an explicit section.
     *
     * @return the current value
     */
    int get();

    /**
     * Returns the value as of the last completed change, without waiting: while another thread or process holds
     * the key in an explicit {@link SharedLock} section, the value from before that section.
     *
     * @return the value before any section in progress, or the current value if none is
     */
    int peek();

    /**
     * Sets the value.
     *
     * @param newValue the new value
     */
    void set(int newValue);

    /**
     * Sets the value and returns the previous one.
     *
     * @param newValue the new value
     * @return the previous value
     */
    int getAndSet(int newValue);

    /**
     * Sets the value to {@code newValue} if it is {@code expected}; returns whether it did.
     *
     * @param expected the value the key must hold
     * @param newValue the value to set if it does
     * @return true if the value was {@code expected} and is now {@code newValue}; false if it was not (nothing
     *         changed)
     */
    boolean compareAndSet(int expected, int newValue);

    /**
     * Adds one and returns the new value.
     *
     * @return the new value, wrapped around on overflow
     */
    int incrementAndGet();

    /**
     * Subtracts one and returns the new value.
     *
     * @return the new value, wrapped around on overflow
     */
    int decrementAndGet();

    /**
     * Adds one and returns the previous value.
     *
     * @return the previous value
     */
    int getAndIncrement();

    /**
     * Subtracts one and returns the previous value.
     *
     * @return the previous value
     */
    int getAndDecrement();

    /**
     * Adds {@code delta} and returns the new value.
     *
     * @param delta the amount to add; negative to subtract
     * @return the new value, wrapped around on overflow
     */
    int addAndGet(int delta);

    /**
     * Adds {@code delta} and returns the previous value.
     *
     * @param delta the amount to add; negative to subtract
     * @return the previous value
     */
    int getAndAdd(int delta);

    /**
     * Replaces the value with {@code function} applied to it, under the key's lock; returns the new value.
     *
     * @param function maps the current value to the new one
     * @return the new value
     * @throws NullPointerException if {@code function} is null
     */
    int updateAndGet(IntUnaryOperator function);

    /**
     * As {@link #updateAndGet}, but returns the previous value.
     *
     * @param function maps the current value to the new one
     * @return the previous value
     * @throws NullPointerException if {@code function} is null
     */
    int getAndUpdate(IntUnaryOperator function);

    /**
     * Replaces the value with {@code function.applyAsInt(value, x)} under the key's lock; returns the new value.
     *
     * @param x the second argument of {@code function}
     * @param function maps the current value and {@code x} to the new value
     * @return the new value
     * @throws NullPointerException if {@code function} is null
     */
    int accumulateAndGet(int x, IntBinaryOperator function);

    /**
     * As {@link #accumulateAndGet}, but returns the previous value.
     *
     * @param x the second argument of {@code function}
     * @param function maps the current value and {@code x} to the new value
     * @return the previous value
     * @throws NullPointerException if {@code function} is null
     */
    int getAndAccumulate(int x, IntBinaryOperator function);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type and initial
     * value if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @return this handle if its key still exists, else a handle to the key of the same name
     * @throws TypeMismatchException if the key was created again with another type
     */
    SharedInt reattach();
}
