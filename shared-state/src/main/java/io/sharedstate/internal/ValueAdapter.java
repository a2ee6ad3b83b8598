package io.sharedstate.internal;

import io.sharedstate.SharedValue;
import io.sharedstate.TypeCode;

/**
 * Internal, not an API: {@link SharedValue} over a single value of any type, converting through {@link ValueCodec}.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface ValueAdapter extends KeyAccess, SharedValue {
    @Override
    default Number get() {
        return ValueCodec.toNumber(typecode(), load(0));
    }

    @Override
    default Number peek() {
        return ValueCodec.toNumber(typecode(), peekLoad(0));
    }

    @Override
    default long getAsLong() {
        return ValueCodec.toLong(typecode(), load(0));
    }

    @Override
    default double getAsDouble() {
        return ValueCodec.toDouble(typecode(), load(0));
    }

    @Override
    default void set(Number newValue) {
        exchange(0, ValueCodec.fromNumber(typecode(), newValue));
    }

    @Override
    default Number getAndSet(Number newValue) {
        return ValueCodec.toNumber(typecode(), exchange(0, ValueCodec.fromNumber(typecode(), newValue)));
    }

    @Override
    default boolean compareAndSet(Number expected, Number newValue) {
        TypeCode type = typecode();
        return compareAndExchange(0, ValueCodec.fromNumber(type, expected), ValueCodec.fromNumber(type, newValue));
    }

    @Override
    default Number addAndGet(Number delta) {
        return ValueCodec.toNumber(typecode(), add(0, ValueCodec.deltaFromNumber(typecode(), delta), true));
    }

    @Override
    default Number getAndAdd(Number delta) {
        return ValueCodec.toNumber(typecode(), add(0, ValueCodec.deltaFromNumber(typecode(), delta), false));
    }

    @Override
    default Number incrementAndGet() {
        return addAndGet(1L);
    }

    @Override
    default Number decrementAndGet() {
        return addAndGet(-1L);
    }
}
