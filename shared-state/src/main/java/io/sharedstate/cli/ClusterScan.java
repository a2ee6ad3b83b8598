package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import io.sharedstate.KeyRemovedException;
import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedState;
import io.sharedstate.TypeMismatchException;
import io.sharedstate.store.KeySnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a cluster's keys through the public API for {@code dump}, in name order, handing them over a batch at a
 * time; stops between keys when a signal asked it to. A key removed after it was listed is left out.
 */
final class ClusterScan {
    private static final int BATCH = 256;
    /** A key removed and created again with another shape between two reads is read again, this many times. */
    private static final int ATTEMPTS = 3;

    private ClusterScan() {
    }

    static SegmentScan.Result run(SharedState state, String prefix, KeyPattern pattern,
                                  Consumer<List<KeySnapshot>> perBatch) {
        long keys = 0;
        List<KeySnapshot> batch = new ArrayList<>();
        boolean complete = true;
        for (String name : state.names(prefix)) {
            if (Signals.requested()) {
                complete = false;
                break;
            }
            KeySnapshot key = pattern.matches(name) ? read(state, name) : null;
            if (key != null) {
                batch.add(key);
            }
            if (batch.size() == BATCH) {
                perBatch.accept(batch);
                keys += batch.size();
                batch.clear();
            }
        }
        perBatch.accept(batch);
        keys += batch.size();
        return new SegmentScan.Result(keys, complete);
    }

    /**
     * Returns the key as it is now, or null if it no longer exists. A single value held in another process's lock
     * section is read as it is at the moment ({@code peek}); an array has no such read, so it waits, as
     * {@code get} does, and says so.
     */
    private static KeySnapshot read(SharedState state, String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                KeyInfo info = state.info(name);
                boolean held = info.lockedSince().isPresent() && info.lockOwnerAlive();
                if (!info.isArray()) {
                    return KeySnapshot.of(info, List.of(state.value(name).peek()), held);
                }
                KeyCommand.noteIfLocked(info, false);
                return KeySnapshot.of(info, Arrays.asList(state.array(name).toArray()), false);
            } catch (NoSuchKeyException | KeyRemovedException e) {
                return null;
            } catch (TypeMismatchException e) {
                if (attempt == ATTEMPTS) {
                    return null;
                }
            }
        }
    }
}
