package io.sharedstate.store;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.JournalMode;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.journal.JournalStaging;

import static io.sharedstate.store.EntryLayout.FLAGS;
import static io.sharedstate.store.EntryLayout.FLAG_PENDING_NOT_A_SUM;
import static io.sharedstate.store.EntryLayout.LAST_EVENT;
import static io.sharedstate.store.EntryLayout.LAST_EVENT_RING;
import static io.sharedstate.store.EntryLayout.LAST_FLUSH_MILLIS;
import static io.sharedstate.store.EntryLayout.PENDING;
import static io.sharedstate.store.EntryLayout.PENDING_DELTA;

/**
 * How one entry's changes reach the journal: staged into this process's {@link JournalStaging} ring, linked to
 * the key's previous staged event (so the drainer keeps each key's order across processes), or, when the ring is
 * full or the key is {@link JournalMode#COALESCED}, counted in the entry as pending and journaled later as one
 * {@link Operation#COALESCED} event with the net change and the values after it. Every method runs with the
 * entry's lock held by the caller.
 */
final class EntryJournal {
    private EntryJournal() {
    }

    /**
     * Records a change of one value or element, made or about to be made under the caller's lock.
     *
     * @param valueBefore the value before the change, for a pending summary that must precede this event
     * @param hasDelta whether {@code delta} is the amount added (an addition) rather than a replacement
     */
    static void recordOne(SharedStore store, EntryHandle entry, Operation operation, int index, long valueBefore,
                          long value, long delta, boolean hasDelta) {
        long base = entry.base;
        int pending = UnsafeAccess.getInt(base + PENDING);
        if (entry.mode == JournalMode.COALESCED) {
            addPending(store, entry, pending, delta, hasDelta);
            return;
        }
        JournalStaging staging = store.staging();
        if (pending > 0 && !flush(store, entry, index, valueBefore)) {
            addPending(store, entry, pending, delta, hasDelta);
            return;
        }
        long position = staging == null ? -1 : staging.stageOne(UnsafeAccess.getInt(base + LAST_EVENT_RING),
                UnsafeAccess.getLong(base + LAST_EVENT), operation, entry.nameUtf8, entry.type, entry.array,
                entry.array ? index : -1, value, delta, hasDelta);
        if (position < 0) {
            addPending(store, entry, 0, delta, hasDelta);
        } else {
            link(base, staging.ringId(), position);
        }
    }

    /** Records a change of every element (or a creation, removal or repair) with all the values it leaves. */
    static void recordAll(SharedStore store, EntryHandle entry, Operation operation, long[] values) {
        recordAll(store, entry.base, entry.nameUtf8, entry.type, entry.array, entry.mode, operation, values,
                entry);
    }

    /** As {@link #recordAll(SharedStore, EntryHandle, Operation, long[])}, for an entry without a handle. */
    static void recordAll(SharedStore store, long base, byte[] name, TypeCode type, boolean array, JournalMode mode,
                          Operation operation, long[] values, EntryHandle pendingOwner) {
        if (mode == JournalMode.OFF) {
            return;
        }
        boolean structural = operation == Operation.CREATE || operation == Operation.REMOVE
                || operation == Operation.LOCK_RECOVERED;
        if (mode == JournalMode.COALESCED && !structural) {
            markNotASum(base);
            if (pendingOwner != null) {
                addPending(store, pendingOwner, UnsafeAccess.getInt(base + PENDING), 0, false);
            }
            return;
        }
        JournalStaging staging = store.staging();
        long position = staging == null ? -1 : staging.stage(UnsafeAccess.getInt(base + LAST_EVENT_RING),
                UnsafeAccess.getLong(base + LAST_EVENT), operation, name, type, array, -1, values, values.length, 0,
                false, 1, false);
        if (position < 0) {
            markNotASum(base);
            int pending = UnsafeAccess.getInt(base + PENDING);
            UnsafeAccess.putInt(base + PENDING, pending + 1);
            if (pending == 0 && pendingOwner != null) {
                store.pendingFlushes().add(pendingOwner);
            }
            return;
        }
        // A structural event with all the values supersedes what was pending.
        if (structural) {
            clearPending(store, base);
        }
        link(base, staging.ringId(), position);
    }

    /**
     * Journals the pending changes of the entry as one COALESCED event with the values they left; for a single
     * value, {@code current} is that value.
     *
     * @return whether the event was staged (false if the ring is still full)
     */
    static boolean flush(SharedStore store, EntryHandle entry, int index, long current) {
        long base = entry.base;
        int pending = UnsafeAccess.getInt(base + PENDING);
        if (pending == 0) {
            return true;
        }
        JournalStaging staging = store.staging();
        if (staging == null) {
            return false;
        }
        boolean sum = (UnsafeAccess.getByte(base + FLAGS) & FLAG_PENDING_NOT_A_SUM) == 0 && !entry.array;
        long[] values = entry.array ? entry.copyPayload() : new long[] {current};
        long position = staging.stage(UnsafeAccess.getInt(base + LAST_EVENT_RING),
                UnsafeAccess.getLong(base + LAST_EVENT), Operation.COALESCED, entry.nameUtf8, entry.type,
                entry.array, -1, values, values.length, UnsafeAccess.getLong(base + PENDING_DELTA), sum, pending,
                true);
        if (position < 0) {
            return false;
        }
        link(base, staging.ringId(), position);
        store.header().addJournalCoalesced(pending);
        UnsafeAccess.putLong(base + LAST_FLUSH_MILLIS, store.header().coarseClockMillis());
        resetPending(base);
        return true;
    }

    /** Returns whether the entry has pending changes due for journaling at {@code nowMillis}. */
    static boolean isDue(SharedStore store, long base, long nowMillis) {
        return UnsafeAccess.getIntVolatile(base + PENDING) > 0
                && nowMillis - UnsafeAccess.getLong(base + LAST_FLUSH_MILLIS) >= store.coalesceIntervalMillis();
    }

    private static void addPending(SharedStore store, EntryHandle entry, int pending, long delta, boolean hasDelta) {
        long base = entry.base;
        if (hasDelta) {
            long sum = UnsafeAccess.getLong(base + PENDING_DELTA);
            UnsafeAccess.putLong(base + PENDING_DELTA, entry.type.isFloatingPoint()
                    ? Double.doubleToRawLongBits(Double.longBitsToDouble(sum) + Double.longBitsToDouble(delta))
                    : sum + delta);
        } else {
            markNotASum(base);
        }
        UnsafeAccess.putInt(base + PENDING, pending + 1);
        if (pending == 0) {
            store.pendingFlushes().add(entry);
        }
    }

    private static void clearPending(SharedStore store, long base) {
        int pending = UnsafeAccess.getInt(base + PENDING);
        if (pending > 0) {
            store.header().addJournalCoalesced(pending);
            resetPending(base);
        }
    }

    private static void resetPending(long base) {
        UnsafeAccess.putInt(base + PENDING, 0);
        UnsafeAccess.putLong(base + PENDING_DELTA, 0);
        UnsafeAccess.putByte(base + FLAGS, (byte) (UnsafeAccess.getByte(base + FLAGS) & ~FLAG_PENDING_NOT_A_SUM));
    }

    private static void markNotASum(long base) {
        UnsafeAccess.putByte(base + FLAGS, (byte) (UnsafeAccess.getByte(base + FLAGS) | FLAG_PENDING_NOT_A_SUM));
    }

    private static void link(long base, int ring, long position) {
        UnsafeAccess.putLong(base + LAST_EVENT, position);
        UnsafeAccess.putInt(base + LAST_EVENT_RING, ring);
    }
}
