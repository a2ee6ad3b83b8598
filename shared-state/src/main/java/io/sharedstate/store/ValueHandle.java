package io.sharedstate.store;

import io.sharedstate.SharedValue;
import io.sharedstate.internal.ValueAdapter;

/** {@link SharedValue} over a local store's entry; its operations are {@link ValueAdapter}'s. */
final class ValueHandle extends EntryHandle implements ValueAdapter {
    ValueHandle(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        super(owner, name, entry, spec);
    }

    @Override
    public SharedValue reattach() {
        return owner.reattach(this);
    }
}
