package io.sharedstate.cluster;

import io.sharedstate.SharedLongArray;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/** {@link SharedLongArray} over an array of {@code 'q'}. */
final class ClusterLongArrayHandle extends ClusterHandle implements SharedLongArray {
    ClusterLongArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public long get(int index) {
        checkIndex(index);
        return load(index);
    }

    @Override
    public void set(int index, long newValue) {
        checkIndex(index);
        exchange(index, newValue);
    }

    @Override
    public long getAndSet(int index, long newValue) {
        checkIndex(index);
        return exchange(index, newValue);
    }

    @Override
    public boolean compareAndSet(int index, long expected, long newValue) {
        checkIndex(index);
        return compareAndExchange(index, expected, newValue);
    }

    @Override
    public long addAndGet(int index, long delta) {
        checkIndex(index);
        return add(index, delta, true);
    }

    @Override
    public long getAndAdd(int index, long delta) {
        checkIndex(index);
        return add(index, delta, false);
    }

    @Override
    public long incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    @Override
    public long decrementAndGet(int index) {
        return addAndGet(index, -1);
    }

    @Override
    public long updateAndGet(int index, LongUnaryOperator function) {
        checkIndex(index);
        return update(index, function, true);
    }

    @Override
    public long[] toArray() {
        return snapshot();
    }

    @Override
    public void set(long[] values) {
        checkLength(values.length);
        storeAll(values.clone());
    }

    @Override
    public void fill(long value) {
        long[] values = new long[length];
        Arrays.fill(values, value);
        storeAll(values);
    }

    @Override
    public SharedLongArray reattach() {
        return owner.reattach(this);
    }
}
