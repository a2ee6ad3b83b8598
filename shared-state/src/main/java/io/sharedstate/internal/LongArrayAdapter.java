package io.sharedstate.internal;

import io.sharedstate.SharedLongArray;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Internal, not an API: {@link SharedLongArray} over an array of {@code 'q'}.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface LongArrayAdapter extends KeyAccess, SharedLongArray {
    @Override
    default long get(int index) {
        checkIndex(index);
        return load(index);
    }

    @Override
    default void set(int index, long newValue) {
        checkIndex(index);
        exchange(index, newValue);
    }

    @Override
    default long getAndSet(int index, long newValue) {
        checkIndex(index);
        return exchange(index, newValue);
    }

    @Override
    default boolean compareAndSet(int index, long expected, long newValue) {
        checkIndex(index);
        return compareAndExchange(index, expected, newValue);
    }

    @Override
    default long addAndGet(int index, long delta) {
        checkIndex(index);
        return add(index, delta, true);
    }

    @Override
    default long getAndAdd(int index, long delta) {
        checkIndex(index);
        return add(index, delta, false);
    }

    @Override
    default long incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    @Override
    default long decrementAndGet(int index) {
        return addAndGet(index, -1);
    }

    @Override
    default long updateAndGet(int index, LongUnaryOperator function) {
        checkIndex(index);
        return update(index, function, true);
    }

    @Override
    default long[] toArray() {
        return snapshot();
    }

    @Override
    default void set(long[] values) {
        checkLength(values.length);
        storeAll(values.clone());
    }

    @Override
    default void fill(long value) {
        long[] values = new long[length()];
        Arrays.fill(values, value);
        storeAll(values);
    }
}
