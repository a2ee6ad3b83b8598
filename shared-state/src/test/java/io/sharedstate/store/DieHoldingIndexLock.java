package io.sharedstate.store;

import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A process that dies (killed by the test) holding its store's key index lock, as a process killed inside a key's
 * creation does: until a process takes the lock over and repairs the index, statistics count every segment as
 * stuck. Argument: the store's directory.
 */
public final class DieHoldingIndexLock {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DieHoldingIndexLock() {
    }

    /** Runs this process on the store in {@code dir} and kills it once it holds the key index lock. */
    public static void killHoldingTheIndexOf(Path dir) {
        try (JavaProcess holder = JavaProcess.start(DieHoldingIndexLock.class, dir)) {
            holder.awaitLine("inside", TIMEOUT);
            holder.kill9();
            holder.waitFor(TIMEOUT);
        }
    }

    public static void main(String[] args) {
        ChronicleSharedState state = (ChronicleSharedState) SharedState.open(Path.of(args[0]));
        IndexLock lock = new IndexLock(state.store(), (intent, name, entryId, scope) -> { });
        lock.run(IndexLock.Intent.CREATE, "victim", 0, DieInsideChronicle::insideUntilKilled);
    }
}
