package io.sharedstate.internal;

import io.sharedstate.SharedDouble;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * Internal, not an API: {@link SharedDouble} over a {@code 'd'} entry, whose canonical form is the value's bits.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface DoubleAdapter extends KeyAccess, SharedDouble {
    @Override
    default double get() {
        return longBitsToDouble(load(0));
    }

    @Override
    default double peek() {
        return longBitsToDouble(peekLoad(0));
    }

    @Override
    default void set(double newValue) {
        exchange(0, doubleToRawLongBits(newValue));
    }

    @Override
    default double getAndSet(double newValue) {
        return longBitsToDouble(exchange(0, doubleToRawLongBits(newValue)));
    }

    @Override
    default boolean compareAndSet(double expected, double newValue) {
        return compareAndExchange(0, doubleToRawLongBits(expected), doubleToRawLongBits(newValue));
    }

    @Override
    default double addAndGet(double delta) {
        return longBitsToDouble(add(0, doubleToRawLongBits(delta), true));
    }

    @Override
    default double getAndAdd(double delta) {
        return longBitsToDouble(add(0, doubleToRawLongBits(delta), false));
    }

    @Override
    default double updateAndGet(DoubleUnaryOperator function) {
        return longBitsToDouble(update(0, bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits))),
                true));
    }

    @Override
    default double getAndUpdate(DoubleUnaryOperator function) {
        return longBitsToDouble(update(0, bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits))),
                false));
    }

    @Override
    default double accumulateAndGet(double x, DoubleBinaryOperator function) {
        return longBitsToDouble(update(0,
                bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits), x)), true));
    }
}
