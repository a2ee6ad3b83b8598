package io.sharedstate.store;

import io.sharedstate.StoreClosedException;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.LockOutcome;
import io.sharedstate.lock.OwnerToken;
import io.sharedstate.lock.RobustLock;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static io.sharedstate.store.StoreHeader.INDEX_INTENT;
import static io.sharedstate.store.StoreHeader.INDEX_INTENT_ENTRY_ID;
import static io.sharedstate.store.StoreHeader.INDEX_INTENT_NAME;
import static io.sharedstate.store.StoreHeader.INDEX_INTENT_NAME_BYTES;
import static io.sharedstate.store.StoreHeader.INDEX_INTENT_NAME_LENGTH;
import static io.sharedstate.store.StoreHeader.INDEX_LOCK;

/**
 * The robust lock around every Chronicle Map call of every process, in the header ({@code INDEX_LOCK}).
 *
 * <p>Chronicle's own segment locks record no owner, so a process killed inside a Chronicle call leaves one held for
 * ever, and the map's structures perhaps half changed. Under this lock only one process at a time is inside
 * Chronicle, so when a process takes this lock over from a dead holder it knows that every Chronicle lock still set
 * was the dead process's, and it repairs the map in place ({@link ChronicleRepair}) before going on, with no other
 * process stopped. The holder records what it is doing (its intent: the operation and the key) next to the lock, so
 * the process that takes over can also finish or undo the key-level part of a creation the dead process left.
 * Lookups take this lock too, but only for the microsecond a lookup lasts: kept handles and locks of keys already
 * looked up never touch it.
 */
final class IndexLock {
    /** What the holder of the index lock is doing. */
    enum Intent {
        NONE, LOOKUP, CREATE, REMOVE, PURGE, SCAN
    }

    /** What the process that took the lock over from a dead holder must do first. */
    interface TakeoverRepair {
        /**
         * Repairs the map and finishes or undoes what the holder was doing: a dead holder's (its Chronicle locks
         * tell which segments it may have changed), or this process's, whose call failed inside Chronicle (a full
         * disk), which released the segment's lock and may have left any segment half changed.
         */
        void repair(Intent intent, String name, long entryId, ChronicleRepair.Scope scope);
    }

    /** A bit of the intent word: the holder is repairing the map. */
    private static final int REPAIRING = 1 << 16;

    private final long address;
    private final SharedStore store;
    private final TakeoverRepair repair;
    private volatile Thread holder;

    IndexLock(SharedStore store, TakeoverRepair repair) {
        this.address = store.header().address();
        this.store = store;
        this.repair = repair;
    }

    /**
     * Runs {@code action} under the index lock, recording {@code intent} for {@code name}. If the action throws
     * while changing the map, the map is repaired before the lock is released.
     */
    <T> T run(Intent intent, String name, long entryId, Supplier<T> action) {
        if (holder == Thread.currentThread()) {
            return action.get();
        }
        acquire();
        try {
            writeIntent(intent, name, entryId);
            T result;
            try {
                result = action.get();
            } catch (RuntimeException | Error e) {
                if (intent != Intent.LOOKUP && intent != Intent.SCAN) {
                    repairAfterFailure(e);
                }
                throw e;
            }
            writeIntent(Intent.NONE, "", 0);
            return result;
        } finally {
            release();
        }
    }

    /** Returns the owner token of the process holding the lock, or {@link OwnerToken#FREE}. */
    long holderToken() {
        long word = UnsafeAccess.getLongVolatile(address + INDEX_LOCK);
        return OwnerToken.isOwned(word) ? word : OwnerToken.FREE;
    }

    private void acquire() {
        long token = store.token();
        long lockAddress = address + INDEX_LOCK;
        LockOutcome outcome = UnsafeAccess.compareAndSetLong(lockAddress, OwnerToken.FREE, token)
                ? LockOutcome.ACQUIRED : store.robustLock().acquire(lockAddress, token, -1, false);
        switch (outcome) {
            case ACQUIRED:
                holder = Thread.currentThread();
                if ((UnsafeAccess.getIntVolatile(address + INDEX_INTENT) & REPAIRING) != 0) {
                    // The last holder's repair failed and it released the lock: the map may be half rebuilt.
                    takeOver();
                }
                return;
            case RECOVERED:
                holder = Thread.currentThread();
                takeOver();
                return;
            case CLOSED:
                throw new StoreClosedException("store " + store.files().directory() + " is closed");
            default:
                throw new IllegalStateException("unexpected index lock outcome " + outcome);
        }
    }

    private void takeOver() {
        int word = UnsafeAccess.getIntVolatile(address + INDEX_INTENT);
        Intent intent = Intent.values()[Math.max(0, Math.min(Intent.values().length - 1, word & ~REPAIRING))];
        // A holder that died inside a repair had freed the locks of segments it had not finished rebuilding.
        ChronicleRepair.Scope scope = (word & REPAIRING) != 0 ? ChronicleRepair.Scope.WHOLE_MAP
                : ChronicleRepair.Scope.LOCKED_SEGMENTS;
        String name = readIntentName();
        long entryId = UnsafeAccess.getLongVolatile(address + INDEX_INTENT_ENTRY_ID);
        try {
            store.header().countIndexRecovery();
            markRepairing();
            repair.repair(intent, name, entryId, scope);
            writeIntent(Intent.NONE, "", 0);
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    private void release() {
        holder = null;
        UnsafeAccess.putLongRelease(address + INDEX_LOCK, OwnerToken.FREE);
    }

    /**
     * Repairs the whole map after a call of this process failed inside Chronicle; if the repair fails too, the
     * REPAIRING bit stays set, so that the next holder repairs it, and the repair's failure is added to the call's.
     */
    private void repairAfterFailure(Throwable failure) {
        markRepairing();
        try {
            repair.repair(Intent.NONE, "", 0, ChronicleRepair.Scope.WHOLE_MAP);
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
            return;
        }
        writeIntent(Intent.NONE, "", 0);
    }

    /** Records, beside the intent, that the holder is repairing the map, until the next intent is written. */
    private void markRepairing() {
        int word = UnsafeAccess.getIntVolatile(address + INDEX_INTENT);
        UnsafeAccess.putIntRelease(address + INDEX_INTENT, word | REPAIRING);
    }

    private void writeIntent(Intent intent, String name, long entryId) {
        if (intent == Intent.NONE || intent == Intent.LOOKUP || intent == Intent.SCAN) {
            // Nothing to finish after a reader's death: leave the name alone, so that reading changes no byte.
            if (UnsafeAccess.getInt(address + INDEX_INTENT) != intent.ordinal()) {
                UnsafeAccess.putIntRelease(address + INDEX_INTENT, intent.ordinal());
            }
            return;
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, INDEX_INTENT_NAME_BYTES);
        for (int i = 0; i < length; i++) {
            UnsafeAccess.putByte(address + INDEX_INTENT_NAME + i, bytes[i]);
        }
        UnsafeAccess.putInt(address + INDEX_INTENT_NAME_LENGTH, length);
        UnsafeAccess.putLong(address + INDEX_INTENT_ENTRY_ID, entryId);
        UnsafeAccess.putIntRelease(address + INDEX_INTENT, intent.ordinal());
    }

    private String readIntentName() {
        int length = Math.max(0, Math.min(INDEX_INTENT_NAME_BYTES,
                UnsafeAccess.getIntVolatile(address + INDEX_INTENT_NAME_LENGTH)));
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = UnsafeAccess.getByte(address + INDEX_INTENT_NAME + i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
