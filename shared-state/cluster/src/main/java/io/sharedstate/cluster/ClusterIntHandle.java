package io.sharedstate.cluster;

import io.sharedstate.SharedInt;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/** {@link SharedInt} over an {@code 'i'} entry, whose canonical form is the sign-extended value. */
final class ClusterIntHandle extends ClusterHandle implements SharedInt {
    ClusterIntHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public int get() {
        return (int) load(0);
    }

    @Override
    public int peek() {
        return (int) peekLoad(0);
    }

    @Override
    public void set(int newValue) {
        exchange(0, newValue);
    }

    @Override
    public int getAndSet(int newValue) {
        return (int) exchange(0, newValue);
    }

    @Override
    public boolean compareAndSet(int expected, int newValue) {
        return compareAndExchange(0, expected, newValue);
    }

    @Override
    public int incrementAndGet() {
        return (int) add(0, 1, true);
    }

    @Override
    public int decrementAndGet() {
        return (int) add(0, -1, true);
    }

    @Override
    public int getAndIncrement() {
        return (int) add(0, 1, false);
    }

    @Override
    public int getAndDecrement() {
        return (int) add(0, -1, false);
    }

    @Override
    public int addAndGet(int delta) {
        return (int) add(0, delta, true);
    }

    @Override
    public int getAndAdd(int delta) {
        return (int) add(0, delta, false);
    }

    @Override
    public int updateAndGet(IntUnaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value), true);
    }

    @Override
    public int getAndUpdate(IntUnaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value), false);
    }

    @Override
    public int accumulateAndGet(int x, IntBinaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value, x), true);
    }

    @Override
    public int getAndAccumulate(int x, IntBinaryOperator function) {
        return (int) update(0, value -> function.applyAsInt((int) value, x), false);
    }

    @Override
    public SharedInt reattach() {
        return owner.reattach(this);
    }
}
