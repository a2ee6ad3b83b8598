package io.sharedstate.cluster;

import io.sharedstate.SharedDoubleArray;
import io.sharedstate.internal.DoubleArrayAdapter;

/** {@link SharedDoubleArray} over a cluster's entry; its operations are {@link DoubleArrayAdapter}'s. */
final class ClusterDoubleArrayHandle extends ClusterHandle implements DoubleArrayAdapter {
    ClusterDoubleArrayHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedDoubleArray reattach() {
        return owner.reattach(this);
    }
}
