package io.sharedstate.cluster;

import io.sharedstate.SharedDouble;
import io.sharedstate.internal.DoubleAdapter;

/** {@link SharedDouble} over a cluster's entry; its operations are {@link DoubleAdapter}'s. */
final class ClusterDoubleHandle extends ClusterHandle implements DoubleAdapter {
    ClusterDoubleHandle(ClusterSharedState owner, String name, StoredValue entry) {
        super(owner, name, entry);
    }

    @Override
    public SharedDouble reattach() {
        return owner.reattach(this);
    }
}
