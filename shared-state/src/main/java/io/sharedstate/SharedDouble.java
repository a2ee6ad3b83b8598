package io.sharedstate;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A 64-bit floating-point number ({@code 'd'}) shared between processes; the equivalent of
 * {@code multiprocessing.Value('d')}. Every method is atomic across threads and processes.
 * {@link #compareAndSet} compares the bits of the values, as {@link Double#equals} does.
 */
public interface SharedDouble extends SharedHandle {
    /**
     * Returns the current value; waits while another thread or process holds the key in an explicit section.
     *
     * @return the current value
     */
    double get();

    /**
     * Returns the value as of the last completed change, without waiting: while another thread or process holds
     * the key in an explicit {@link SharedLock} section, the value from before that section.
     *
     * @return the value before any section in progress, or the current value if none is
     */
    double peek();

    /**
     * Sets the value.
     *
     * @param newValue the new value
     */
    void set(double newValue);

    /**
     * Sets the value and returns the previous one.
     *
     * @param newValue the new value
     * @return the previous value
     */
    double getAndSet(double newValue);

    /**
     * Sets the value to {@code newValue} if its bits equal those of {@code expected}; returns whether it did.
     *
     * @param expected the value the key must hold, compared bit for bit
     * @param newValue the value to set if it does
     * @return true if the value was {@code expected} and is now {@code newValue}; false if it was not (nothing
     *         changed)
     */
    boolean compareAndSet(double expected, double newValue);

    /**
     * Adds {@code delta} and returns the new value.
     *
     * @param delta the amount to add; negative to subtract
     * @return the new value
     */
    double addAndGet(double delta);

    /**
     * Adds {@code delta} and returns the previous value.
     *
     * @param delta the amount to add; negative to subtract
     * @return the previous value
     */
    double getAndAdd(double delta);

    /**
     * Replaces the value with {@code function} applied to it, under the key's lock; returns the new value.
     *
     * @param function maps the current value to the new one
     * @return the new value
     * @throws NullPointerException if {@code function} is null
     */
    double updateAndGet(DoubleUnaryOperator function);

    /**
     * As {@link #updateAndGet}, but returns the previous value.
     *
     * @param function maps the current value to the new one
     * @return the previous value
     * @throws NullPointerException if {@code function} is null
     */
    double getAndUpdate(DoubleUnaryOperator function);

    /**
     * Replaces the value with {@code function.applyAsDouble(value, x)} under the key's lock; returns the new value.
     *
     * @param x the second argument of {@code function}
     * @param function maps the current value and {@code x} to the new value
     * @return the new value
     * @throws NullPointerException if {@code function} is null
     */
    double accumulateAndGet(double x, DoubleBinaryOperator function);

    /**
     * Returns a handle to the key of this name as it is now: this handle while its key exists; after the key was
     * removed, a handle to the key of the same name, created again with this handle's type and initial
     * value if it does not exist. A service that must survive {@code shared-state rm} of a key it uses catches
     * {@link KeyRemovedException} and continues with {@code handle = handle.reattach()}.
     *
     * @return this handle if its key still exists, else a handle to the key of the same name
     * @throws TypeMismatchException if the key was created again with another type
     */
    SharedDouble reattach();
}
