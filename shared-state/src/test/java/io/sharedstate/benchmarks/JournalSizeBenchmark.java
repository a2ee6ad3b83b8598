package io.sharedstate.benchmarks;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.store.ChronicleSharedState;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Journal bytes on disk per event, for journaled increments of a key with a short name. Run with
 * {@code docs/bench/run-harness.sh JournalSizeBenchmark [events]}.
 */
public final class JournalSizeBenchmark {
    private JournalSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ChronicleBootstrap.configure();
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("shared-state-journal-size").resolve("store");
        try (SharedState state = SharedState.open(dir)) {
            SharedLong hits = state.longValue("hits", 0);
            long before = ((ChronicleSharedState) state).stats().journalBytes();
            for (int i = 0; i < events; i++) {
                hits.incrementAndGet();
            }
            state.sync();
            long after = ((ChronicleSharedState) state).stats().journalBytes();
            System.out.printf("journal: %,d events of key \"hits\" took %,d bytes on disk: %.1f bytes per event%n",
                    events, after - before, (double) (after - before) / events);
        }
        BenchmarkFiles.delete(dir.getParent());
    }
}
