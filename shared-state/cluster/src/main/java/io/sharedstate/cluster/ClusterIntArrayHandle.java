package io.sharedstate.cluster;

import io.sharedstate.SharedIntArray;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/** {@link SharedIntArray} over an array of {@code 'i'}. */
final class ClusterIntArrayHandle extends ClusterHandle implements SharedIntArray {
    ClusterIntArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int get(int index) {
        checkIndex(index);
        return (int) load(index);
    }

    @Override
    public void set(int index, int newValue) {
        checkIndex(index);
        exchange(index, newValue);
    }

    @Override
    public int getAndSet(int index, int newValue) {
        checkIndex(index);
        return (int) exchange(index, newValue);
    }

    @Override
    public boolean compareAndSet(int index, int expected, int newValue) {
        checkIndex(index);
        return compareAndExchange(index, expected, newValue);
    }

    @Override
    public int addAndGet(int index, int delta) {
        checkIndex(index);
        return (int) add(index, delta, true);
    }

    @Override
    public int getAndAdd(int index, int delta) {
        checkIndex(index);
        return (int) add(index, delta, false);
    }

    @Override
    public int incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    @Override
    public int decrementAndGet(int index) {
        return addAndGet(index, -1);
    }

    @Override
    public int updateAndGet(int index, IntUnaryOperator function) {
        checkIndex(index);
        return (int) update(index, value -> function.applyAsInt((int) value), true);
    }

    @Override
    public int[] toArray() {
        return Arrays.stream(snapshot()).mapToInt(value -> (int) value).toArray();
    }

    @Override
    public void set(int[] values) {
        checkLength(values.length);
        storeAll(Arrays.stream(values).asLongStream().toArray());
    }

    @Override
    public void fill(int value) {
        long[] values = new long[length];
        Arrays.fill(values, value);
        storeAll(values);
    }

    @Override
    public SharedIntArray reattach() {
        return owner.reattach(this);
    }
}
