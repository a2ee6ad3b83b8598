package io.sharedstate.internal;

import io.sharedstate.SharedDoubleArray;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * Internal, not an API: {@link SharedDoubleArray} over an array of {@code 'd'}.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface DoubleArrayAdapter extends KeyAccess, SharedDoubleArray {
    @Override
    default double get(int index) {
        checkIndex(index);
        return longBitsToDouble(load(index));
    }

    @Override
    default void set(int index, double newValue) {
        checkIndex(index);
        exchange(index, doubleToRawLongBits(newValue));
    }

    @Override
    default double getAndSet(int index, double newValue) {
        checkIndex(index);
        return longBitsToDouble(exchange(index, doubleToRawLongBits(newValue)));
    }

    @Override
    default boolean compareAndSet(int index, double expected, double newValue) {
        checkIndex(index);
        return compareAndExchange(index, doubleToRawLongBits(expected), doubleToRawLongBits(newValue));
    }

    @Override
    default double addAndGet(int index, double delta) {
        checkIndex(index);
        return longBitsToDouble(add(index, doubleToRawLongBits(delta), true));
    }

    @Override
    default double getAndAdd(int index, double delta) {
        checkIndex(index);
        return longBitsToDouble(add(index, doubleToRawLongBits(delta), false));
    }

    @Override
    default double updateAndGet(int index, DoubleUnaryOperator function) {
        checkIndex(index);
        return longBitsToDouble(update(index,
                bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits))), true));
    }

    @Override
    default double[] toArray() {
        return Arrays.stream(snapshot()).mapToDouble(Double::longBitsToDouble).toArray();
    }

    @Override
    default void set(double[] values) {
        checkLength(values.length);
        storeAll(Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray());
    }

    @Override
    default void fill(double value) {
        long[] values = new long[length()];
        Arrays.fill(values, doubleToRawLongBits(value));
        storeAll(values);
    }
}
