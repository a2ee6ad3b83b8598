package io.sharedstate.store;

import io.sharedstate.SharedInt;
import io.sharedstate.internal.IntAdapter;

/** {@link SharedInt} over a local store's entry; its operations are {@link IntAdapter}'s. */
final class IntHandle extends EntryHandle implements IntAdapter {
    IntHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedInt reattach() {
        return owner.reattach(this);
    }
}
