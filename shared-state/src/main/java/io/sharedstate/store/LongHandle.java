package io.sharedstate.store;

import io.sharedstate.SharedLong;
import io.sharedstate.internal.LongAdapter;

/** {@link SharedLong} over a local store's entry; its operations are {@link LongAdapter}'s. */
final class LongHandle extends EntryHandle implements LongAdapter {
    LongHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedLong reattach() {
        return owner.reattach(this);
    }
}
