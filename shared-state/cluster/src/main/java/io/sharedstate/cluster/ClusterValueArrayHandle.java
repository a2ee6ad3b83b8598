package io.sharedstate.cluster;

import io.sharedstate.internal.ValueCodec;
import io.sharedstate.SharedValueArray;

import java.util.Arrays;

/** {@link SharedValueArray} over an array of any type, converting through {@link ValueCodec}. */
final class ClusterValueArrayHandle extends ClusterHandle implements SharedValueArray {
    ClusterValueArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public Number get(int index) {
        checkIndex(index);
        return ValueCodec.toNumber(type, load(index));
    }

    @Override
    public void set(int index, Number newValue) {
        checkIndex(index);
        exchange(index, ValueCodec.fromNumber(type, newValue));
    }

    @Override
    public boolean compareAndSet(int index, Number expected, Number newValue) {
        checkIndex(index);
        return compareAndExchange(index, ValueCodec.fromNumber(type, expected), ValueCodec.fromNumber(type, newValue));
    }

    @Override
    public Number addAndGet(int index, Number delta) {
        checkIndex(index);
        return ValueCodec.toNumber(type, add(index, ValueCodec.deltaFromNumber(type, delta), true));
    }

    @Override
    public Number getAndAdd(int index, Number delta) {
        checkIndex(index);
        return ValueCodec.toNumber(type, add(index, ValueCodec.deltaFromNumber(type, delta), false));
    }

    @Override
    public Number incrementAndGet(int index) {
        return addAndGet(index, 1L);
    }

    @Override
    public Number[] toArray() {
        return Arrays.stream(snapshot()).mapToObj(value -> ValueCodec.toNumber(type, value)).toArray(Number[]::new);
    }

    @Override
    public void set(Number[] values) {
        checkLength(values.length);
        storeAll(Arrays.stream(values).mapToLong(value -> ValueCodec.fromNumber(type, value)).toArray());
    }

    @Override
    public void fill(Number value) {
        long[] values = new long[length];
        Arrays.fill(values, ValueCodec.fromNumber(type, value));
        storeAll(values);
    }

    @Override
    public SharedValueArray reattach() {
        return owner.reattach(this);
    }
}
