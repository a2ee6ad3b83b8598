package io.sharedstate.store;

import io.sharedstate.KeyInfo;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.internal.ValueCodec;
import io.sharedstate.lock.OwnerToken;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One key as a tool sees it: its description and its values, read without writing anything and without waiting
 * on a held lock for more than a bound. If the bound passes, the values are those of the moment, possibly
 * mid-change, and {@link #consistent()} is false.
 */
public final class KeySnapshot {
    private final String name;
    private final KeyInfo info;
    private final List<Number> values;
    private final boolean consistent;
    private final boolean lockOwnerAlive;
    private final boolean explicitlyLocked;

    private KeySnapshot(String name, KeyInfo info, List<Number> values, boolean consistent, boolean lockOwnerAlive,
                        boolean explicitlyLocked) {
        this.name = name;
        this.info = info;
        this.values = values;
        this.consistent = consistent;
        this.lockOwnerAlive = lockOwnerAlive;
        this.explicitlyLocked = explicitlyLocked;
    }

    static KeySnapshot read(String name, EntryView entry, SharedStore store, long lockWaitMillis) {
        TypeCode type = entry.type();
        int length = entry.length();
        long[] canonical = new long[length];
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lockWaitMillis);
        boolean consistent = false;
        while (!consistent) {
            long sequence = entry.sequence();
            for (int i = 0; i < length; i++) {
                canonical[i] = entry.load(i);
            }
            UnsafeAccess.loadFence();
            consistent = (sequence & 1) == 0 && entry.sequence() == sequence;
            if (!consistent && System.nanoTime() - deadline > 0) {
                break;
            }
            if (!consistent) {
                Thread.onSpinWait();
            }
        }
        List<Number> values = new ArrayList<>(length);
        for (long value : canonical) {
            values.add(ValueCodec.toNumber(type, value));
        }
        KeyInfo info = entry.info(name, store);
        long word = entry.lockWord();
        boolean ownerAlive = OwnerToken.isOwned(word) && store.registry().isAlive(word);
        return new KeySnapshot(name, info, Collections.unmodifiableList(values), consistent, ownerAlive,
                entry.holdCount() > 0);
    }

    /**
     * Returns a key read through the public API, as a cluster's keys are: consistent, unless another process held it
     * in an explicit lock section, when the values are those of the moment.
     */
    public static KeySnapshot of(KeyInfo info, List<Number> values, boolean heldInSection) {
        return new KeySnapshot(info.name(), info, List.copyOf(values), !heldInSection, info.lockOwnerAlive(),
                heldInSection);
    }

    static KeySnapshot malformed(String name) {
        return new KeySnapshot(name, null, List.of(), false, false, false);
    }

    public String name() {
        return name;
    }

    /** Returns whether the entry's header is valid; if not, only the name is known. */
    public boolean isWellFormed() {
        return info != null;
    }

    /** Returns the key's description; null if the entry is malformed. */
    public KeyInfo info() {
        return info;
    }

    /** Returns the values: one for a single value, every element for an array. */
    public List<Number> values() {
        return values;
    }

    /** Returns whether the values were read at rest, not in the middle of a change. */
    public boolean consistent() {
        return consistent;
    }

    /** Returns whether the key's lock is held by a live process (false when free). */
    public boolean lockOwnerAlive() {
        return lockOwnerAlive;
    }

    /** Returns whether the lock is held in an explicit section (rather than by one operation in progress). */
    public boolean explicitlyLocked() {
        return explicitlyLocked;
    }
}
