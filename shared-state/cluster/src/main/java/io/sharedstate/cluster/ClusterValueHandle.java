package io.sharedstate.cluster;

import io.sharedstate.SharedValue;
import io.sharedstate.internal.ValueAdapter;

/** {@link SharedValue} over a cluster's entry; its operations are {@link ValueAdapter}'s. */
final class ClusterValueHandle extends ClusterHandle implements ValueAdapter {
    ClusterValueHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedValue reattach() {
        return owner.reattach(this);
    }
}
