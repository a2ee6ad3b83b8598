package io.sharedstate.journal;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.TypeCode;

/**
 * Appends change events; called by the store while it holds the changed key's lock, so that each key's events
 * are in the order its state changed. Values are in the store's canonical {@code long} form (the integer, or
 * the bits of the {@code double}).
 */
public interface JournalWriter {
    /** A writer for stores or keys that do not journal. */
    JournalWriter DISABLED = new JournalWriter() {
        @Override
        public void append(Operation operation, byte[] key, TypeCode type, boolean array, int index, long value,
                           long delta, boolean hasDelta) {
            // not journaled
        }

        @Override
        public void appendAll(Operation operation, byte[] key, TypeCode type, boolean array, long[] values) {
            // not journaled
        }
    };

    /** Appends a change of one value or element ({@code index} -1 for a single value). */
    void append(Operation operation, byte[] key, TypeCode type, boolean array, int index, long value, long delta,
                boolean hasDelta);

    /** Appends a change that concerns every element (creation, fill, removal, lock recovery). */
    void appendAll(Operation operation, byte[] key, TypeCode type, boolean array, long[] values);
}
