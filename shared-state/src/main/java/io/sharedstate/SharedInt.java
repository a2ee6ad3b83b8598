package io.sharedstate;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * A 32-bit signed integer ({@code 'i'}) shared between processes; the equivalent of
 * {@code multiprocessing.Value('i')}, with the methods of {@link java.util.concurrent.atomic.AtomicInteger}.
 * Every method is atomic across threads and processes; arithmetic wraps around on overflow, as in ctypes.
 */
public interface SharedInt extends SharedHandle {
    /** Returns the current value. */
    int get();

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
}
