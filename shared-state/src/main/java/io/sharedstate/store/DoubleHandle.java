package io.sharedstate.store;

import io.sharedstate.SharedDouble;
import io.sharedstate.internal.DoubleAdapter;

/** {@link SharedDouble} over a local store's entry; its operations are {@link DoubleAdapter}'s. */
final class DoubleHandle extends EntryHandle implements DoubleAdapter {
    DoubleHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedDouble reattach() {
        return owner.reattach(this);
    }
}
