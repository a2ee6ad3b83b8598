package io.sharedstate;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A 64-bit floating-point number ({@code 'd'}) shared between processes; the equivalent of
 * {@code multiprocessing.Value('d')}. Every method is atomic across threads and processes.
 * {@link #compareAndSet} compares the bits of the values, as {@link Double#equals} does.
 */
public interface SharedDouble extends SharedHandle {
    /** Returns the current value; waits while another thread or process holds the key in an explicit section. */
    double get();

    /**
     * Returns the value as of the last completed change, without waiting: while another thread or process holds
     * the key in an explicit {@link SharedLock} section, the value from before that section.
     */
    double peek();

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

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type and initial
     * value if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @throws TypeMismatchException if the key was created again with another type
     */
    SharedDouble reattach();
}
