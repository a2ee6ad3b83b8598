package io.sharedstate.cluster;

import io.sharedstate.SharedInt;
import io.sharedstate.internal.IntAdapter;

/** {@link SharedInt} over a cluster's entry; its operations are {@link IntAdapter}'s. */
final class ClusterIntHandle extends ClusterHandle implements IntAdapter {
    ClusterIntHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedInt reattach() {
        return owner.reattach(this);
    }
}
