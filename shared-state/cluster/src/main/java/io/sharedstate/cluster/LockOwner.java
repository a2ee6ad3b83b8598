package io.sharedstate.cluster;

import java.util.UUID;

/**
 * Who holds a key's explicit lock: a thread of a cluster node. The node's id says whether the holder is alive:
 * Ignite drops a node from the topology when it dies (after its failure-detection timeout), whatever its process
 * id or host, and a node that comes back gets a new id.
 */
final class LockOwner {
    private final UUID node;
    private final long thread;
    private final int pid;
    private final long sinceMillis;

    LockOwner(UUID node, long thread, int pid, long sinceMillis) {
        this.node = node;
        this.thread = thread;
        this.pid = pid;
        this.sinceMillis = sinceMillis;
    }

    UUID node() {
        return node;
    }

    long thread() {
        return thread;
    }

    int pid() {
        return pid;
    }

    long sinceMillis() {
        return sinceMillis;
    }

    boolean isThread(UUID otherNode, long otherThread) {
        return node.equals(otherNode) && thread == otherThread;
    }
}
