package io.sharedstate.internal;

import io.sharedstate.SharedInt;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * Internal, not an API: {@link SharedInt} over an {@code 'i'} entry, whose canonical form is the sign-extended value.
 * Its operations are written once here, over the {@link KeyAccess} that the local store's and the cluster's handles
 * each implement.
 */
public interface IntAdapter extends KeyAccess, SharedInt {
    @Override
    default int get() {
        return (int) load(0);
    }

    @Override
    default int peek() {
        return (int) peekLoad(0);
    }

    @Override
    default void set(int newValue) {
        exchange(0, newValue);
    }

    @Override
    default int getAndSet(int newValue) {
        return (int) exchange(0, newValue);
    }

    @Override
    default boolean compareAndSet(int expected, int newValue) {
        return compareAndExchange(0, expected, newValue);
    }

    @Override
    default int incrementAndGet() {
        return (int) add(0, 1, true);
    }

    @Override
    default int decrementAndGet() {
        return (int) add(0, -1, true);
    }

    @Override
    default int getAndIncrement() {
        return (int) add(0, 1, false);
    }

    @Override
    default int getAndDecrement() {
        return (int) add(0, -1, false);
    }

    @Override
    default int addAndGet(int delta) {
        return (int) add(0, delta, true);
    }

    @Override
    default int getAndAdd(int delta) {
        return (int) add(0, delta, false);
    }

    @Override
    default int updateAndGet(IntUnaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value), true);
    }

    @Override
    default int getAndUpdate(IntUnaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value), false);
    }

    @Override
    default int accumulateAndGet(int x, IntBinaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value, x), true);
    }

    @Override
    default int getAndAccumulate(int x, IntBinaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value, x), false);
    }
}
