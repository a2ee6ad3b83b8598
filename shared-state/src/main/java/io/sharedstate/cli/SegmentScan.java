package io.sharedstate.cli;

import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.KeySnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a store one map segment at a time and hands each segment's keys over only after the store's index lock is
 * released, so output that blocks (a pipe, a pager) never holds up writers; stops between segments when a
 * signal asked it to.
 */
final class SegmentScan {
    /**
     * What a scan covered.
     *
     * @param keys keys handed over
     * @param complete false if a signal stopped the scan early
     */
    record Result(long keys, boolean complete) {
    }

    private SegmentScan() {
    }

    static Result run(ChronicleSharedState state, String prefix, KeyPattern pattern, long lockWaitMillis,
                      Consumer<List<KeySnapshot>> perSegment) {
        long keys = 0;
        List<KeySnapshot> batch = new ArrayList<>();
        for (int segment = 0; segment < state.segmentCount(); segment++) {
            if (Signals.requested()) {
                return new Result(keys, false);
            }
            batch.clear();
            int current = segment;
            Signals.critical(() -> {
                state.forEachKeyInSegment(current, prefix, lockWaitMillis, key -> {
                    if (pattern.matches(key.name())) {
                        batch.add(key);
                    }
                });
                return null;
            });
            perSegment.accept(batch);
            keys += batch.size();
        }
        return new Result(keys, true);
    }
}
