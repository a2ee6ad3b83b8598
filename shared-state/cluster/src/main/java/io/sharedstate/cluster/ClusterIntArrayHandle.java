package io.sharedstate.cluster;

import io.sharedstate.SharedIntArray;
import io.sharedstate.internal.IntArrayAdapter;

/** {@link SharedIntArray} over a cluster's entry; its operations are {@link IntArrayAdapter}'s. */
final class ClusterIntArrayHandle extends ClusterHandle implements IntArrayAdapter {
    ClusterIntArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedIntArray reattach() {
        return owner.reattach(this);
    }
}
