package io.sharedstate.cli;

import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.KeySnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a store one map segment at a time and hands each segment's keys over only after the segment's lock is
 * released, so output that blocks (a pipe, a pager) never holds up writers; stops between segments when a
 * signal asked it to.
 */
final class SegmentScan {
    /**
     * What a scan covered.
     *
     * @param keys keys handed over
     * @param skippedSegments segments a dead process left locked, not read
     * @param complete false if a signal stopped the scan early
     */
    record Result(long keys, int skippedSegments, boolean complete) {
    }

    private SegmentScan() {
    }

    static Result run(ChronicleSharedState state, String prefix, long lockWaitMillis,
                      Consumer<List<KeySnapshot>> perSegment) {
        long keys = 0;
        int skipped = 0;
        List<KeySnapshot> batch = new ArrayList<>();
        for (int segment = 0; segment < state.segmentCount(); segment++) {
            if (Signals.requested()) {
                return new Result(keys, skipped, false);
            }
            batch.clear();
            int current = segment;
            if (!Signals.critical(() -> state.forEachKeyInSegment(current, prefix, lockWaitMillis, batch::add))) {
                skipped++;
            }
            perSegment.accept(batch);
            keys += batch.size();
        }
        return new Result(keys, skipped, true);
    }

    /** Warns on stderr that {@code skipped} segments were passed over, and how to recover them. */
    static void warnSkipped(int skipped, String what, Path directory) {
        if (skipped > 0) {
            Main.warn(skipped + " map segment(s) locked by a dead process " + what + "; stop every process using "
                    + "the store, then run: shared-state recover " + directory);
        }
    }
}
