package io.sharedstate.store;

import io.sharedstate.SharedDoubleArray;
import io.sharedstate.internal.DoubleArrayAdapter;

/** {@link SharedDoubleArray} over a local store's entry; its operations are {@link DoubleArrayAdapter}'s. */
final class DoubleArrayHandle extends EntryHandle implements DoubleArrayAdapter {
    DoubleArrayHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedDoubleArray reattach() {
        return owner.reattach(this);
    }
}
