package io.sharedstate.store;

import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.OwnerToken;
import io.sharedstate.lock.ProcessRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The background work of an open store in one process, on a thread of its own, every {@value #PERIOD_MILLIS} ms:
 * <ul>
 * <li>the coarse clock in the header that coalesced keys read instead of the system clock;</li>
 * <li>retiring this process's handles to keys that were removed, and telling other processes, a second later, that
 * it has, so that the removed keys' bytes can be reclaimed;</li>
 * <li>journaling the pending changes of keys nobody changed since (coalesced keys, or changes made while the
 * staging ring was full);</li>
 * <li>repairing what dead processes left (in writers): the keys whose locks they held, their pending changes, a
 * Chronicle call they died in; then freeing their process slot;</li>
 * <li>reclaiming removed keys' bytes once no process can touch them (in writers).</li>
 * </ul>
 */
final class Maintenance implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    static final long PERIOD_MILLIS = 50;
    /** How long after retiring its handles a process says so: operations already under way have ended by then. */
    private static final long RETIRE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RECLAIM_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** A name no user can create (it has a control character): looking it up only takes the index lock. */
    private static final String NO_SUCH_KEY = "\u0000";

    private final SharedStore store;
    private final Thread thread;
    private volatile boolean stopped;
    private long removalsRetired;
    private long removalsPending = -1;
    private long retiredAt;
    private long nextReclaim;

    Maintenance(SharedStore store) {
        this.store = store;
        this.thread = new Thread(this, "shared-state-maintenance");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (!stopped && !store.isClosed()) {
            try {
                runOnce();
            } catch (RuntimeException | Error e) {
                if (!stopped && !store.isClosed()) {
                    LOG.warn("maintenance of {} failed once: {}", store.files().directory(), e.toString(), e);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
        }
    }

    /** Runs every duty once; also called directly by tests and tools that want it now. */
    void runOnce() {
        if (store.isWriter()) {
            store.header().tickCoarseClock(System.currentTimeMillis());
        }
        retireHandles();
        flushPending();
        if (store.isWriter()) {
            reapDeadProcesses();
            reclaimRemovedKeys();
        }
    }

    private void retireHandles() {
        long removals = store.header().removals();
        long now = System.nanoTime();
        if (removalsPending >= 0 && now - retiredAt >= RETIRE_GRACE_NANOS) {
            store.registry().setRemovalsSeen(store.registration(), removalsPending);
            removalsRetired = removalsPending;
            removalsPending = -1;
        }
        if (removals == removalsRetired || removalsPending >= removals) {
            return;
        }
        store.handles().retireRemoved();
        removalsPending = removals;
        retiredAt = now;
    }

    private void flushPending() {
        long now = store.header().coarseClockMillis();
        for (Iterator<EntryHandle> it = store.pendingFlushes().iterator(); it.hasNext(); ) {
            EntryHandle handle = it.next();
            try {
                if (!handle.flushPendingIfDue(now)) {
                    it.remove();
                }
            } catch (io.sharedstate.KeyRemovedException | io.sharedstate.StoreClosedException e) {
                it.remove();
            }
        }
    }

    /**
     * Journals every pending change of this process's keys now, whether due or not, waiting for room in the
     * staging ring for up to two seconds; for a process that closes the store.
     */
    void flushEverything() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!store.pendingFlushes().isEmpty() && System.nanoTime() - deadline < 0) {
            for (Iterator<EntryHandle> it = store.pendingFlushes().iterator(); it.hasNext(); ) {
                try {
                    if (!it.next().flushPendingIfDue(Long.MAX_VALUE)) {
                        it.remove();
                    }
                } catch (RuntimeException e) {
                    it.remove();
                }
            }
            if (!store.pendingFlushes().isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /** Repairs what every dead process left, then frees its slot. */
    void reapDeadProcesses() {
        for (ProcessRecord process : store.registry().processes()) {
            if (process.alive()) {
                continue;
            }
            ProcessRecord dead = store.registry().beginReap(process.slot());
            if (dead == null) {
                continue;
            }
            try {
                repairWhatItLeft(dead);
                store.registry().finishReap(dead);
                LOG.info("process {} died with {} open; repaired what it left and freed its slot", dead.pid(),
                        store.files().directory());
            } catch (RuntimeException | Error e) {
                store.registry().abandonReap(dead);
                throw e;
            }
        }
    }

    private void repairWhatItLeft(ProcessRecord dead) {
        // A Chronicle call it died in: taking the index lock over repairs the map.
        store.catalog().lookup(NO_SUCH_KEY);
        long deadBits = dead.processBits();
        List<String> names = new ArrayList<>();
        List<Long> bases = new ArrayList<>();
        store.catalog().forEach("", (name, base) -> {
            long word = UnsafeAccess.getLongVolatile(base + EntryLayout.LOCK);
            boolean heldByDead = OwnerToken.isOwned(word) && OwnerToken.sameProcess(word, deadBits);
            boolean pending = !new EntryView(base).isRemoved()
                    && UnsafeAccess.getIntVolatile(base + EntryLayout.PENDING) > 0;
            if (heldByDead || pending) {
                names.add(name);
                bases.add(base);
            }
        });
        for (int i = 0; i < names.size(); i++) {
            EntryRepair.repairIfOwnerDead(store, bases.get(i), names.get(i));
            store.adoptPending(names.get(i));
        }
    }

    private void reclaimRemovedKeys() {
        long now = System.nanoTime();
        if (store.header().tombstones() <= 0 || now - nextReclaim < 0) {
            return;
        }
        nextReclaim = now + RECLAIM_PERIOD_NANOS;
        List<String> names = new ArrayList<>();
        List<Long> stamps = new ArrayList<>();
        store.catalog().forEach("", (name, base) -> {
            EntryView entry = new EntryView(base);
            if (entry.isRemoved()) {
                names.add(name);
                stamps.add(entry.removalStamp());
            }
        });
        int reclaimed = 0;
        for (int i = 0; i < names.size(); i++) {
            if (store.catalog().reclaim(names.get(i), stamps.get(i))) {
                reclaimed++;
            }
        }
        if (reclaimed > 0) {
            LOG.debug("reclaimed the bytes of {} removed keys in {}", reclaimed, store.files().directory());
        }
    }
}
