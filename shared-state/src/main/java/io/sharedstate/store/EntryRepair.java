package io.sharedstate.store;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.LockOutcome;
import io.sharedstate.lock.OwnerToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

import static io.sharedstate.store.EntryLayout.HOLD_COUNT;
import static io.sharedstate.store.EntryLayout.LOCKED_SINCE_MICROS;
import static io.sharedstate.store.EntryLayout.LOCK;
import static io.sharedstate.store.EntryLayout.SEQUENCE;
import static io.sharedstate.store.EntryLayout.STATE;
import static io.sharedstate.store.EntryLayout.STATE_CREATING;
import static io.sharedstate.store.EntryLayout.STATE_OWNER_DIED;
import static io.sharedstate.store.EntryLayout.STATE_REMOVING;
import static io.sharedstate.store.EntryLayout.STATE_WHOLE_WRITE;

/**
 * What a process does with a key whose lock it took over from a dead owner: it finishes what the dead owner was
 * doing where that can be finished (a creation: journal it; a removal: complete it), and otherwise records in the
 * journal the values the dead owner left ({@link Operation#LOCK_RECOVERED}), so that replay still equals the
 * state. A dead owner that was in an explicit section or in the middle of a whole-array write may have left a
 * compound change half-done: the key is then marked, and the next explicit locker sees
 * {@code previousOwnerDied()} until it releases its section. The same repair runs whoever takes the lock over: a
 * waiter, a reader, or the maintenance of a survivor that found the owner dead.
 */
final class EntryRepair {
    private static final Logger LOG = LoggerFactory.getLogger(EntryRepair.class);

    private EntryRepair() {
    }

    /**
     * Repairs the entry at {@code base}, whose lock the calling thread just took over (its sequence is odd).
     *
     * @return false if the repair finished a removal: the lock word is then {@link OwnerToken#REMOVED}
     */
    static boolean repairTakenOver(SharedStore store, long base, String name) {
        EntryView entry = new EntryView(base);
        int state = entry.state();
        boolean compound = entry.holdCount() > 0 || (state & STATE_WHOLE_WRITE) != 0;
        UnsafeAccess.putShort(base + HOLD_COUNT, (short) 0);
        UnsafeAccess.putLong(base + LOCKED_SINCE_MICROS, 0);
        store.countLockRecovery(name);
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        long[] values = values(entry);
        if ((state & STATE_REMOVING) != 0) {
            EntryJournal.recordAll(store, base, key, entry.type(), entry.isArray(), entry.journalMode(),
                    Operation.REMOVE, new long[0], null);
            store.catalog().completeRemoval(name, entry, store.token());
            LOG.warn("finished the removal of key \"{}\" in {}, which a process that died had begun", name,
                    store.files().directory());
            return false;
        }
        Operation operation = (state & STATE_CREATING) != 0 ? Operation.CREATE : Operation.LOCK_RECOVERED;
        EntryJournal.recordAll(store, base, key, entry.type(), entry.isArray(), entry.journalMode(), operation,
                values, null);
        int repaired = state & ~(STATE_CREATING | STATE_WHOLE_WRITE);
        UnsafeAccess.putByte(base + STATE, (byte) (compound ? repaired | STATE_OWNER_DIED : repaired));
        return true;
    }

    /**
     * Repairs the entry at {@code base} if a dead process holds its lock: takes the lock over, repairs, releases.
     * For maintenance, which repairs the keys nobody waits for.
     *
     * @return whether it repaired something
     */
    static boolean repairIfOwnerDead(SharedStore store, long base, String name) {
        long word = UnsafeAccess.getLongVolatile(base + LOCK);
        if (!OwnerToken.isOwned(word) || store.registry().isAlive(word)) {
            return false;
        }
        long token = store.token();
        LockOutcome outcome = store.robustLock().acquire(base + LOCK, token, 0, false);
        if (outcome == LockOutcome.ACQUIRED) {
            release(base);
            return false;
        }
        if (outcome != LockOutcome.RECOVERED) {
            return false;
        }
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLong(base + SEQUENCE, sequence | 1);
        try {
            if (repairTakenOver(store, base, name)) {
                release(base);
            }
        } catch (RuntimeException | Error e) {
            if (UnsafeAccess.getLongVolatile(base + LOCK) == token) {
                release(base);
            }
            throw e;
        }
        return true;
    }

    private static void release(long base) {
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLongRelease(base + SEQUENCE, (sequence | 1) + 1);
        UnsafeAccess.putLongRelease(base + LOCK, OwnerToken.FREE);
    }

    private static long[] values(EntryView entry) {
        long[] values = new long[entry.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = entry.load(i);
        }
        return values;
    }
}
