package io.sharedstate.internal;

import io.sharedstate.SharedIntArray;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Internal, not an API: {@link SharedIntArray} over an array of {@code 'i'}.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface IntArrayAdapter extends KeyAccess, SharedIntArray {
    @Override
    default int get(int index) {
        checkIndex(index);
        return (int) load(index);
    }

    @Override
    default void set(int index, int newValue) {
        checkIndex(index);
        exchange(index, newValue);
    }

    @Override
    default int getAndSet(int index, int newValue) {
        checkIndex(index);
        return (int) exchange(index, newValue);
    }

    @Override
    default boolean compareAndSet(int index, int expected, int newValue) {
        checkIndex(index);
        return compareAndExchange(index, expected, newValue);
    }

    @Override
    default int addAndGet(int index, int delta) {
        checkIndex(index);
        return (int) add(index, delta, true);
    }

    @Override
    default int getAndAdd(int index, int delta) {
        checkIndex(index);
        return (int) add(index, delta, false);
    }

    @Override
    default int incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    @Override
    default int decrementAndGet(int index) {
        return addAndGet(index, -1);
    }

    @Override
    default int updateAndGet(int index, IntUnaryOperator function) {
        checkIndex(index);
        return (int) update(index, value -> function.applyAsInt((int) value), true);
    }

    @Override
    default int[] toArray() {
        return Arrays.stream(snapshot()).mapToInt(value -> (int) value).toArray();
    }

    @Override
    default void set(int[] values) {
        checkLength(values.length);
        storeAll(Arrays.stream(values).asLongStream().toArray());
    }

    @Override
    default void fill(int value) {
        long[] values = new long[length()];
        Arrays.fill(values, value);
        storeAll(values);
    }
}
