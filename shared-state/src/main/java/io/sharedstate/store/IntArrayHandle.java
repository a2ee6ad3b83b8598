package io.sharedstate.store;

import io.sharedstate.SharedIntArray;
import io.sharedstate.internal.IntArrayAdapter;

/** {@link SharedIntArray} over a local store's entry; its operations are {@link IntArrayAdapter}'s. */
final class IntArrayHandle extends EntryHandle implements IntArrayAdapter {
    IntArrayHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedIntArray reattach() {
        return owner.reattach(this);
    }
}
