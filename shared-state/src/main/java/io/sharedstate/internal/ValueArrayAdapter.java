package io.sharedstate.internal;

import io.sharedstate.SharedValueArray;
import io.sharedstate.TypeCode;

import java.util.Arrays;

/**
 * Internal, not an API: {@link SharedValueArray} over an array of any type, converting through {@link ValueCodec}.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface ValueArrayAdapter extends KeyAccess, SharedValueArray {
    @Override
    default Number get(int index) {
        checkIndex(index);
        return ValueCodec.toNumber(typecode(), load(index));
    }

    @Override
    default void set(int index, Number newValue) {
        checkIndex(index);
        exchange(index, ValueCodec.fromNumber(typecode(), newValue));
    }

    @Override
    default boolean compareAndSet(int index, Number expected, Number newValue) {
        checkIndex(index);
        TypeCode type = typecode();
        return compareAndExchange(index, ValueCodec.fromNumber(type, expected), ValueCodec.fromNumber(type, newValue));
    }

    @Override
    default Number addAndGet(int index, Number delta) {
        checkIndex(index);
        return ValueCodec.toNumber(typecode(), add(index, ValueCodec.deltaFromNumber(typecode(), delta), true));
    }

    @Override
    default Number getAndAdd(int index, Number delta) {
        checkIndex(index);
        return ValueCodec.toNumber(typecode(), add(index, ValueCodec.deltaFromNumber(typecode(), delta), false));
    }

    @Override
    default Number incrementAndGet(int index) {
        return addAndGet(index, 1L);
    }

    @Override
    default Number[] toArray() {
        TypeCode type = typecode();
        return Arrays.stream(snapshot()).mapToObj(value -> ValueCodec.toNumber(type, value)).toArray(Number[]::new);
    }

    @Override
    default void set(Number[] values) {
        checkLength(values.length);
        storeAll(Arrays.stream(values).mapToLong(value -> ValueCodec.fromNumber(typecode(), value)).toArray());
    }

    @Override
    default void fill(Number value) {
        long[] values = new long[length()];
        Arrays.fill(values, ValueCodec.fromNumber(typecode(), value));
        storeAll(values);
    }
}
