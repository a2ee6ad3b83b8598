package io.sharedstate.internal;

import io.sharedstate.SharedLong;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Internal, not an API: {@link SharedLong} over an {@code 'q'} entry, whose canonical form is the value itself.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface LongAdapter extends KeyAccess, SharedLong {
    @Override
    default long get() {
        return load(0);
    }

    @Override
    default long peek() {
        return peekLoad(0);
    }

    @Override
    default void set(long newValue) {
        exchange(0, newValue);
    }

    @Override
    default long getAndSet(long newValue) {
        return exchange(0, newValue);
    }

    @Override
    default boolean compareAndSet(long expected, long newValue) {
        return compareAndExchange(0, expected, newValue);
    }

    @Override
    default long incrementAndGet() {
        return add(0, 1, true);
    }

    @Override
    default long decrementAndGet() {
        return add(0, -1, true);
    }

    @Override
    default long getAndIncrement() {
        return add(0, 1, false);
    }

    @Override
    default long getAndDecrement() {
        return add(0, -1, false);
    }

    @Override
    default long addAndGet(long delta) {
        return add(0, delta, true);
    }

    @Override
    default long getAndAdd(long delta) {
        return add(0, delta, false);
    }

    @Override
    default long updateAndGet(LongUnaryOperator function) {
        return update(0, function, true);
    }

    @Override
    default long getAndUpdate(LongUnaryOperator function) {
        return update(0, function, false);
    }

    @Override
    default long accumulateAndGet(long x, LongBinaryOperator function) {
        return update(0, value -> function.applyAsLong(value, x), true);
    }

    @Override
    default long getAndAccumulate(long x, LongBinaryOperator function) {
        return update(0, value -> function.applyAsLong(value, x), false);
    }
}
