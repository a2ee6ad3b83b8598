package io.sharedstate.demo;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;

/**
 * The worker that {@link ClassDataArchive} records: {@code ArchiveTraining DIR} does on a scratch store what the
 * scenarios' workers do (values and arrays, atomic and locked changes, the journal, key creation and removal), so
 * that the classes they load are in the archive.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    /** Runs the training on the new store {@code args[0]}. */
    public static void main(String[] args) {
        WorkerMain.run(args, ArchiveTraining::train);
    }

    private static void train(SharedState state, String[] args) {
        SharedLong counter = state.longValue("training.counter", 0);
        counter.incrementAndGet();
        try (SharedLock lock = state.lock("training.counter")) {
            counter.set(counter.get() + 1);
        }
        state.intValue("training.int", 0).incrementAndGet();
        state.intArray("training.ints", 4).incrementAndGet(1);
        state.longArray("training.longs", 4).addAndGet(2, 3);
        state.doubleArray("training.doubles", 0.0, 1.0, 2.0).set(1, 3.0);
        state.withJournal(JournalMode.OFF).longValue("training.untracked", 0).incrementAndGet();
        state.names("training.");
        state.remove("training.int");
    }
}
