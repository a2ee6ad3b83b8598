package io.sharedstate.store;

import io.sharedstate.SharedValueArray;
import io.sharedstate.internal.ValueArrayAdapter;

/** {@link SharedValueArray} over a local store's entry; its operations are {@link ValueArrayAdapter}'s. */
final class ValueArrayHandle extends EntryHandle implements ValueArrayAdapter {
    ValueArrayHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedValueArray reattach() {
        return owner.reattach(this);
    }
}
