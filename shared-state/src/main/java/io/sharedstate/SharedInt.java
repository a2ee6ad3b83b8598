package io.sharedstate;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * A 32-bit signed integer ({@code 'i'}) shared between processes; the equivalent of
 * {@code multiprocessing.Value('i')}, with the methods of {@link java.util.concurrent.atomic.AtomicInteger}.
 * Every method is atomic across threads and processes; arithmetic wraps around on overflow, as in ctypes.
 */
public interface SharedInt extends SharedHandle {
    /** Returns the current value; waits while another thread or process holds the key in an explicit section. */
    int get();

    /**
     * Returns the value as of the last completed change, without waiting: while another thread or process holds
     * the key in an explicit {@link SharedLock} section, the value from before that section.
     */
    int peek();

    /** Sets the value. */
    void set(int newValue);

    /** Sets the value and returns the previous one. */
    int getAndSet(int newValue);

    /** Sets the value to {@code newValue} if it is {@code expected}; returns whether it did. */
    boolean compareAndSet(int expected, int newValue);

    /** Adds one and returns the new value. */
    int incrementAndGet();

    /** Subtracts one and returns the new value. */
    int decrementAndGet();

    /** Adds one and returns the previous value. */
    int getAndIncrement();

    /** Subtracts one and returns the previous value. */
    int getAndDecrement();

    /** Adds {@code delta} and returns the new value. */
    int addAndGet(int delta);

    /** Adds {@code delta} and returns the previous value. */
    int getAndAdd(int delta);

    /** Replaces the value with {@code function} applied to it, under the key's lock; returns the new value. */
    int updateAndGet(IntUnaryOperator function);

    /** As {@link #updateAndGet}, but returns the previous value. */
    int getAndUpdate(IntUnaryOperator function);

    /** Replaces the value with {@code function.applyAsInt(value, x)} under the key's lock; returns the new value. */
    int accumulateAndGet(int x, IntBinaryOperator function);

    /** As {@link #accumulateAndGet}, but returns the previous value. */
    int getAndAccumulate(int x, IntBinaryOperator function);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type and initial
     * value if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @throws TypeMismatchException if the key was created again with another type
     */
    SharedInt reattach();
}
