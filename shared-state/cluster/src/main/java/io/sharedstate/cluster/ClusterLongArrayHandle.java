package io.sharedstate.cluster;

import io.sharedstate.SharedLongArray;
import io.sharedstate.internal.LongArrayAdapter;

/** {@link SharedLongArray} over a cluster's entry; its operations are {@link LongArrayAdapter}'s. */
final class ClusterLongArrayHandle extends ClusterHandle implements LongArrayAdapter {
    ClusterLongArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedLongArray reattach() {
        return owner.reattach(this);
    }
}
