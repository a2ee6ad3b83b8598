package io.sharedstate.cluster;

import io.sharedstate.internal.ValueCodec;
import io.sharedstate.SharedValue;

/** {@link SharedValue} over a single value of any type, converting through {@link ValueCodec}. */
final class ClusterValueHandle extends ClusterHandle implements SharedValue {
    ClusterValueHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public Number get() {
        return ValueCodec.toNumber(type, load(0));
    }

    @Override
    public Number peek() {
        return ValueCodec.toNumber(type, peekLoad(0));
    }

    @Override
    public long getAsLong() {
        return ValueCodec.toLong(type, load(0));
    }

    @Override
    public double getAsDouble() {
        return ValueCodec.toDouble(type, load(0));
    }

    @Override
    public void set(Number newValue) {
        exchange(0, ValueCodec.fromNumber(type, newValue));
    }

    @Override
    public Number getAndSet(Number newValue) {
        return ValueCodec.toNumber(type, exchange(0, ValueCodec.fromNumber(type, newValue)));
    }

    @Override
    public boolean compareAndSet(Number expected, Number newValue) {
        return compareAndExchange(0, ValueCodec.fromNumber(type, expected), ValueCodec.fromNumber(type, newValue));
    }

    @Override
    public Number addAndGet(Number delta) {
        return ValueCodec.toNumber(type, add(0, ValueCodec.deltaFromNumber(type, delta), true));
    }

    @Override
    public Number getAndAdd(Number delta) {
        return ValueCodec.toNumber(type, add(0, ValueCodec.deltaFromNumber(type, delta), false));
    }

    @Override
    public Number incrementAndGet() {
        return addAndGet(1L);
    }

    @Override
    public Number decrementAndGet() {
        return addAndGet(-1L);
    }

    @Override
    public SharedValue reattach() {
        return owner.reattach(this);
    }
}
