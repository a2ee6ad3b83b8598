package io.sharedstate.store;

import io.sharedstate.SharedLongArray;
import io.sharedstate.internal.LongArrayAdapter;

/** {@link SharedLongArray} over a local store's entry; its operations are {@link LongArrayAdapter}'s. */
final class LongArrayHandle extends EntryHandle implements LongArrayAdapter {
    LongArrayHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedLongArray reattach() {
        return owner.reattach(this);
    }
}
