package io.sharedstate.store;

import io.sharedstate.SharedState;

import java.nio.file.Path;

/**
 * A process that dies (killed by the test) holding its store's key index lock, as a process killed inside a key's
 * creation does: until a process takes the lock over and repairs the index, statistics count every segment as
 * stuck. Argument: the store's directory.
 */
public final class DieHoldingIndexLock {
    private DieHoldingIndexLock() {
    }

    public static void main(String[] args) {
        ChronicleSharedState state = (ChronicleSharedState) SharedState.open(Path.of(args[0]));
        IndexLock lock = new IndexLock(state.store(), (intent, name, entryId, scope) -> { });
        lock.run(IndexLock.Intent.CREATE, "victim", 0, DieInsideChronicle::insideUntilKilled);
    }
}
