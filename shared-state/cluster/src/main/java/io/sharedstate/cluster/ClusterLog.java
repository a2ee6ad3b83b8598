package io.sharedstate.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster backend's logger: one name for operators to turn up or down. */
final class ClusterLog {
    static final Logger LOG = LoggerFactory.getLogger("io.sharedstate.cluster");

    private ClusterLog() {
    }
}
