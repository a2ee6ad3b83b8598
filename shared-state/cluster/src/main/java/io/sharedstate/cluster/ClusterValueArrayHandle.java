package io.sharedstate.cluster;

import io.sharedstate.SharedValueArray;
import io.sharedstate.internal.ValueArrayAdapter;

/** {@link SharedValueArray} over a cluster's entry; its operations are {@link ValueArrayAdapter}'s. */
final class ClusterValueArrayHandle extends ClusterHandle implements ValueArrayAdapter {
    ClusterValueArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedValueArray reattach() {
        return owner.reattach(this);
    }
}
