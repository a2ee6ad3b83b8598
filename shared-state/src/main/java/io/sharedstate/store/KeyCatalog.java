package io.sharedstate.store;

import io.sharedstate.SharedStateException;
import io.sharedstate.StoreFullException;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.ProcessRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The store's keys: finding, creating, removing and reclaiming them, each under the {@link IndexLock}, and what a
 * process does when it takes that lock over from a dead holder. Values are never read or written here, only the
 * entries' headers.
 *
 * <p>A removed key stays a tombstone (lock word -1) until no process can still touch its bytes: every process that
 * was registered when it was removed has retired its handles to it (maintenance does that within a second), and
 * the key's last journal event has been drained. Only then are its bytes given back to Chronicle. A key created
 * again with the same shape reuses its tombstone at once: a stale handle to the old key then only ever meets the
 * new key's lock word at the same place, and fails on the entry id.
 */
final class KeyCatalog implements IndexLock.TakeoverRepair {
    private static final Logger LOG = LoggerFactory.getLogger(KeyCatalog.class);

    private final SharedStore store;
    private final KeyIndex index;
    private final StoreHeader header;
    private final IndexLock lock;

    KeyCatalog(SharedStore store, KeyIndex index) {
        this.store = store;
        this.index = index;
        this.header = store.header();
        this.lock = new IndexLock(store, this);
    }

    /** Returns the base of {@code name}'s entry, live or removed, or 0 if it has none. */
    long lookup(String name) {
        return lock.run(IndexLock.Intent.LOOKUP, name, 0, () -> index.withKey(name, KeyIndex.KeyCursor::base));
    }

    /**
     * Returns the entry of {@code name}, creating it with {@code spec} if it does not exist. A created entry is left
     * held by {@code token}, its sequence odd and its state "creating": the caller journals the creation and
     * releases it.
     *
     * @return the entry, and whether this call created it
     */
    Created create(String name, KeySpec spec, long token) {
        return lock.run(IndexLock.Intent.CREATE, name, 0, () -> index.withKey(name, cursor -> {
            long base = cursor.base();
            long lastEvent = 0;
            int lastEventRing = 0;
            if (base != 0) {
                EntryView entry = new EntryView(base);
                if (!entry.isWellFormed(header.maxArrayLength())) {
                    LOG.warn("key \"{}\" in {} had a malformed entry (a creation cut short); creating it anew", name,
                            store.files().directory());
                    cursor.remove();
                } else if (!entry.isRemoved()) {
                    return new Created(entry, false);
                } else if (cursor.valueSize() == spec.valueSize()) {
                    checkCapacity(name);
                    entry.initialize(spec, store.pid(), store.clock().nowMicros(), token, entry.lastEvent(),
                            entry.lastEventRing());
                    header.addTombstones(-1);
                    header.addKeys(1);
                    return new Created(entry, true);
                } else {
                    requireReclaimable(name, entry);
                    lastEvent = entry.lastEvent();
                    lastEventRing = entry.lastEventRing();
                    cursor.remove();
                    header.addTombstones(-1);
                }
            }
            checkCapacity(name);
            EntryView created = new EntryView(cursor.insert(spec.valueSize()));
            created.initialize(spec, store.pid(), store.clock().nowMicros(), token, lastEvent, lastEventRing);
            header.addKeys(1);
            return new Created(created, true);
        }));
    }

    /**
     * Turns a key into a tombstone; the caller holds its lock as {@code token} and has journaled the removal.
     *
     * @return whether it did (false if the lock was not the caller's any more)
     */
    boolean completeRemoval(String name, EntryView entry, long token) {
        return lock.run(IndexLock.Intent.REMOVE, name, entry.entryId(), () -> {
            long registrations = store.registry().registrationCounter();
            if (!entry.markRemoved(token, header.nextRemoval())) {
                return false;
            }
            UnsafeAccess.putLong(entry.base() + EntryLayout.REMOVAL_REGISTRATIONS, registrations);
            header.addKeys(-1);
            header.addTombstones(1);
            return true;
        });
    }

    /**
     * Gives a tombstone's bytes back to Chronicle if no process can still touch them.
     *
     * @return whether it did
     */
    boolean reclaim(String name, long stamp) {
        return lock.run(IndexLock.Intent.PURGE, name, stamp, () -> index.withKey(name, cursor -> {
            long base = cursor.base();
            if (base == 0) {
                return false;
            }
            EntryView entry = new EntryView(base);
            if (!entry.isRemoved() || entry.removalStamp() != stamp || !isReclaimable(entry)) {
                return false;
            }
            cursor.remove();
            header.addTombstones(-1);
            return true;
        }));
    }

    /** Removes a key whose entry is too damaged to read, for recover. */
    void removeMalformed(String name) {
        lock.run(IndexLock.Intent.PURGE, name, 0, () -> index.withKey(name, cursor -> {
            long base = cursor.base();
            if (base != 0 && !new EntryView(base).isWellFormed(header.maxArrayLength())) {
                cursor.remove();
            }
            return null;
        }));
    }

    /** Returns whether no process can still touch the tombstone's bytes, and its last event was drained. */
    boolean isReclaimable(EntryView tombstone) {
        long stamp = tombstone.removalStamp();
        long registrations = UnsafeAccess.getLongVolatile(tombstone.base() + EntryLayout.REMOVAL_REGISTRATIONS);
        for (ProcessRecord process : store.registry().processes()) {
            if (!process.alive() && !process.reaping()) {
                continue;
            }
            if (process.registration() <= registrations && process.removalsSeen() < stamp) {
                return false;
            }
        }
        return store.isDrained(tombstone.lastEventRing(), tombstone.lastEvent());
    }

    /**
     * Visits the entries of one segment whose names start with {@code prefix}: names and bases are gathered under
     * the index lock, the visitor runs after it is released, so slow visitors never hold it.
     */
    void visitSegment(int segment, String prefix, KeyIndex.EntryVisitor visitor) {
        List<String> names = new ArrayList<>();
        List<Long> bases = new ArrayList<>();
        lock.run(IndexLock.Intent.SCAN, "", segment, () -> {
            index.visitSegment(segment, prefix, (name, base) -> {
                names.add(name);
                bases.add(base);
            });
            return null;
        });
        for (int i = 0; i < names.size(); i++) {
            visitor.visit(names.get(i), bases.get(i));
        }
    }

    /** Visits every entry, segment by segment; see {@link #visitSegment}. */
    void forEach(String prefix, KeyIndex.EntryVisitor visitor) {
        for (int segment = 0; segment < index.segments(); segment++) {
            visitSegment(segment, prefix, visitor);
        }
    }

    /** Returns Chronicle's figures per segment. */
    List<net.openhft.chronicle.map.ChronicleMap.SegmentStats> segmentStats() {
        return lock.run(IndexLock.Intent.SCAN, "", 0, index::segmentStats);
    }

    /** Returns the owner token of the process in a Chronicle call now, or {@code OwnerToken.FREE}. */
    long indexHolderToken() {
        return lock.holderToken();
    }

    KeyIndex index() {
        return index;
    }

    @Override
    public void repair(IndexLock.Intent intent, String name, long entryId, ChronicleRepair.Scope scope) {
        long start = System.nanoTime();
        ChronicleRepair.Report report = index.repair(scope);
        long chronicleNanos = System.nanoTime() - start;
        if (intent == IndexLock.Intent.CREATE && !name.isEmpty()) {
            index.withKey(name, cursor -> {
                long base = cursor.base();
                if (base != 0 && !new EntryView(base).isWellFormed(header.maxArrayLength())) {
                    cursor.remove();
                    LOG.warn("undid the creation of key \"{}\" in {}, which a process that died had begun", name,
                            store.files().directory());
                }
                return null;
            });
        }
        boolean named = intent == IndexLock.Intent.CREATE || intent == IndexLock.Intent.REMOVE
                || intent == IndexLock.Intent.PURGE;
        // Only a creation, removal or purge changes the counts; recounting visits every entry while all wait.
        if (named || intent == IndexLock.Intent.NONE) {
            recount();
        }
        if (intent != IndexLock.Intent.NONE) {
            // The time shows what the repair costs the survivors, who wait for the index lock meanwhile.
            LOG.warn("repaired the key index of {} in place in {} ms ({} ms in Chronicle's recovery of {}) after a "
                            + "process died inside it ({}{}){}", store.files().directory(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    TimeUnit.NANOSECONDS.toMillis(chronicleNanos), report.describeSegments(), intent,
                    named ? " of \"" + name + "\"" : "", report.found().isEmpty() ? "" : ": " + report.found());
        }
    }

    /** Counts keys and tombstones anew; the caller holds the index lock. */
    private void recount() {
        long[] counts = new long[2];
        for (int segment = 0; segment < index.segments(); segment++) {
            index.visitSegment(segment, "", (name, base) -> counts[new EntryView(base).isRemoved() ? 1 : 0]++);
        }
        header.resetCounts(counts[0], counts[1]);
    }

    private void checkCapacity(String name) {
        long keys = header.keys();
        if (keys >= header.capacity()) {
            long tombstones = header.tombstones();
            throw new StoreFullException("store " + store.files().directory() + " is full: it holds " + keys
                    + " keys, its capacity; remove keys" + (tombstones > 0 ? " (" + tombstones + " removed keys are "
                    + "still being reclaimed, which takes a second)" : "") + ", or create a store with a larger "
                    + "capacity; key \"" + name + "\" was not created");
        }
    }

    private void requireReclaimable(String name, EntryView tombstone) {
        if (isReclaimable(tombstone)) {
            return;
        }
        String pids = store.registry().processes().stream().filter(ProcessRecord::alive)
                .filter(process -> process.removalsSeen() < tombstone.removalStamp())
                .map(process -> Integer.toString(process.pid())).collect(Collectors.joining(", "));
        throw new SharedStateException("key \"" + name + "\" was removed a moment ago and processes may still hold "
                + "handles to it (pids " + pids + "): it can be created again at once with its old type and length, "
                + "or with another within a second, once they have seen the removal");
    }

    /**
     * An entry {@link #create} returned.
     *
     * @param entry the entry
     * @param created whether the call created it (its lock is then held by the caller)
     */
    record Created(EntryView entry, boolean created) {
    }
}
