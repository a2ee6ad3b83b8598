package io.sharedstate.store;

import io.sharedstate.TypeCode;
import io.sharedstate.TypeMismatchException;

/**
 * The shape a caller asks a key to have, and the initial values to create it with.
 *
 * @param type the element type
 * @param array whether the key is an array
 * @param length the number of elements (1 for a single value)
 * @param journaled whether a newly created key journals its changes
 * @param initial the initial values in canonical form, {@code length} of them
 */
record KeySpec(TypeCode type, boolean array, int length, boolean journaled, long[] initial) {

    static KeySpec scalar(TypeCode type, boolean journaled, long initial) {
        return new KeySpec(type, false, 1, journaled, new long[] {initial});
    }

    /** Returns the spec of a key of this shape whose values are all zero, to create it again after a removal. */
    static KeySpec zeroOf(TypeCode type, boolean array, int length, boolean journaled) {
        return new KeySpec(type, array, length, journaled, new long[length]);
    }

    static KeySpec array(TypeCode type, boolean journaled, long[] initial) {
        return new KeySpec(type, true, initial.length, journaled, initial);
    }

    int valueSize() {
        return EntryLayout.valueSize(type, array, length);
    }

    /** Checks that an existing entry has this shape. */
    void requireMatches(String name, EntryView existing) {
        if (existing.type() == type && existing.isArray() == array && existing.length() == length) {
            return;
        }
        throw new TypeMismatchException("key \"" + name + "\" holds " + existing.describeShape() + ", asked for "
                + describeShape());
    }

    String describeShape() {
        return array ? "an array of " + length + " " + type.describe() : type.describe();
    }
}
