package io.sharedstate.cluster;

import io.sharedstate.SharedLong;
import io.sharedstate.internal.LongAdapter;

/** {@link SharedLong} over a cluster's entry; its operations are {@link LongAdapter}'s. */
final class ClusterLongHandle extends ClusterHandle implements LongAdapter {
    ClusterLongHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedLong reattach() {
        return owner.reattach(this);
    }
}
