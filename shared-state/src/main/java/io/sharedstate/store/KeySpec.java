package io.sharedstate.store;

import io.sharedstate.JournalMode;
import io.sharedstate.TypeCode;
import io.sharedstate.TypeMismatchException;

/**
 * The shape a caller asks a key to have, and the initial values to create it with.
 *
 * @param type the element type
 * @param array whether the key is an array
 * @param length the number of elements (1 for a single value)
 * @param journal how a newly created key journals its changes
 * @param initial the initial values in canonical form, {@code length} of them
 */
record KeySpec(TypeCode type, boolean array, int length, JournalMode journal, long[] initial) {

    static KeySpec scalar(TypeCode type, JournalMode journal, long initial) {
        return new KeySpec(type, false, 1, journal, new long[] {initial});
    }

    static KeySpec array(TypeCode type, JournalMode journal, long[] initial) {
        return new KeySpec(type, true, initial.length, journal, initial);
    }

    /** Returns the spec of a key of this shape whose values are all zero, to create it again after a removal. */
    static KeySpec zeroOf(TypeCode type, boolean array, int length, JournalMode journal) {
        return new KeySpec(type, array, length, journal, new long[length]);
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
