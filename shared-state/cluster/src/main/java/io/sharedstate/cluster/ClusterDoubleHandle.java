package io.sharedstate.cluster;

import io.sharedstate.SharedDouble;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/** {@link SharedDouble} over a {@code 'd'} entry, whose canonical form is the value's bits. */
final class ClusterDoubleHandle extends ClusterHandle implements SharedDouble {
    ClusterDoubleHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public double get() {
        return longBitsToDouble(load(0));
    }

    @Override
    public double peek() {
        return longBitsToDouble(peekLoad(0));
    }

    @Override
    public void set(double newValue) {
        exchange(0, doubleToRawLongBits(newValue));
    }

    @Override
    public double getAndSet(double newValue) {
        return longBitsToDouble(exchange(0, doubleToRawLongBits(newValue)));
    }

    @Override
    public boolean compareAndSet(double expected, double newValue) {
        return compareAndExchange(0, doubleToRawLongBits(expected), doubleToRawLongBits(newValue));
    }

    @Override
    public double addAndGet(double delta) {
        return longBitsToDouble(add(0, doubleToRawLongBits(delta), true));
    }

    @Override
    public double getAndAdd(double delta) {
        return longBitsToDouble(add(0, doubleToRawLongBits(delta), false));
    }

    @Override
    public double updateAndGet(DoubleUnaryOperator function) {
        return longBitsToDouble(update(0, bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits))),
                true));
    }

    @Override
    public double getAndUpdate(DoubleUnaryOperator function) {
        return longBitsToDouble(update(0, bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits))),
                false));
    }

    @Override
    public double accumulateAndGet(double x, DoubleBinaryOperator function) {
        return longBitsToDouble(update(0,
                bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits), x)), true));
    }

    @Override
    public SharedDouble reattach() {
        return owner.reattach(this);
    }
}
