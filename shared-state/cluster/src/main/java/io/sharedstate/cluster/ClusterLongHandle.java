package io.sharedstate.cluster;

import io.sharedstate.SharedLong;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/** {@link SharedLong} over an {@code 'q'} entry, whose canonical form is the value itself. */
final class ClusterLongHandle extends ClusterHandle implements SharedLong {
    ClusterLongHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public long get() {
        return load(0);
    }

    @Override
    public long peek() {
        return peekLoad(0);
    }

    @Override
    public void set(long newValue) {
        exchange(0, newValue);
    }

    @Override
    public long getAndSet(long newValue) {
        return exchange(0, newValue);
    }

    @Override
    public boolean compareAndSet(long expected, long newValue) {
        return compareAndExchange(0, expected, newValue);
    }

    @Override
    public long incrementAndGet() {
        return add(0, 1, true);
    }

    @Override
    public long decrementAndGet() {
        return add(0, -1, true);
    }

    @Override
    public long getAndIncrement() {
        return add(0, 1, false);
    }

    @Override
    public long getAndDecrement() {
        return add(0, -1, false);
    }

    @Override
    public long addAndGet(long delta) {
        return add(0, delta, true);
    }

    @Override
    public long getAndAdd(long delta) {
        return add(0, delta, false);
    }

    @Override
    public long updateAndGet(LongUnaryOperator function) {
        return update(0, function, true);
    }

    @Override
    public long getAndUpdate(LongUnaryOperator function) {
        return update(0, function, false);
    }

    @Override
    public long accumulateAndGet(long x, LongBinaryOperator function) {
        return update(0, value -> function.applyAsLong(value, x), true);
    }

    @Override
    public long getAndAccumulate(long x, LongBinaryOperator function) {
        return update(0, value -> function.applyAsLong(value, x), false);
    }

    @Override
    public SharedLong reattach() {
        return owner.reattach(this);
    }
}
