package io.sharedstate.cluster;

import io.sharedstate.SharedDoubleArray;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/** {@link SharedDoubleArray} over an array of {@code 'd'}. */
final class ClusterDoubleArrayHandle extends ClusterHandle implements SharedDoubleArray {
    ClusterDoubleArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public double get(int index) {
        checkIndex(index);
        return longBitsToDouble(load(index));
    }

    @Override
    public void set(int index, double newValue) {
        checkIndex(index);
        exchange(index, doubleToRawLongBits(newValue));
    }

    @Override
    public double getAndSet(int index, double newValue) {
        checkIndex(index);
        return longBitsToDouble(exchange(index, doubleToRawLongBits(newValue)));
    }

    @Override
    public boolean compareAndSet(int index, double expected, double newValue) {
        checkIndex(index);
        return compareAndExchange(index, doubleToRawLongBits(expected), doubleToRawLongBits(newValue));
    }

    @Override
    public double addAndGet(int index, double delta) {
        checkIndex(index);
        return longBitsToDouble(add(index, doubleToRawLongBits(delta), true));
    }

    @Override
    public double getAndAdd(int index, double delta) {
        checkIndex(index);
        return longBitsToDouble(add(index, doubleToRawLongBits(delta), false));
    }

    @Override
    public double updateAndGet(int index, DoubleUnaryOperator function) {
        checkIndex(index);
        return longBitsToDouble(update(index,
                bits -> doubleToRawLongBits(function.applyAsDouble(longBitsToDouble(bits))), true));
    }

    @Override
    public double[] toArray() {
        return Arrays.stream(snapshot()).mapToDouble(Double::longBitsToDouble).toArray();
    }

    @Override
    public void set(double[] values) {
        checkLength(values.length);
        storeAll(Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray());
    }

    @Override
    public void fill(double value) {
        long[] values = new long[length];
        Arrays.fill(values, doubleToRawLongBits(value));
        storeAll(values);
    }

    @Override
    public SharedDoubleArray reattach() {
        return owner.reattach(this);
    }
}
