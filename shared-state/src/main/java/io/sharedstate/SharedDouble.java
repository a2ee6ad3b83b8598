package io.sharedstate;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A 64-bit floating-point number ({@code 'd'}) shared between processes; the equivalent of
 * {@code multiprocessing.Value('d')}. Every method is atomic across threads and processes.
 * {@link #compareAndSet} compares the bits of the values, as {@link Double#equals} does.
 */
public interface SharedDouble extends SharedHandle {
    /** Returns the current value. */
    double get();

    /** Sets the value. */
    void set(double newValue);

    /** Sets the value and returns the previous one. */
    double getAndSet(double newValue);

    /** Sets the value to {@code newValue} if its bits equal those of {@code expected}; returns whether it did. */
    boolean compareAndSet(double expected, double newValue);

    /** Adds {@code delta} and returns the new value. */
    double addAndGet(double delta);

    /** Adds {@code delta} and returns the previous value. */
    double getAndAdd(double delta);

    /** Replaces the value with {@code function} applied to it, under the key's lock; returns the new value. */
    double updateAndGet(DoubleUnaryOperator function);

    /** As {@link #updateAndGet}, but returns the previous value. */
    double getAndUpdate(DoubleUnaryOperator function);

    /** Replaces the value with {@code function.applyAsDouble(value, x)} under the key's lock; returns the new value. */
    double accumulateAndGet(double x, DoubleBinaryOperator function);
}
