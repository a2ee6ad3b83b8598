package io.sharedstate.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The explicit locks this process holds: which thread, how many times, and whether it took the lock over from a
 * holder that died. Only the holding thread changes its key's record.
 */
final class LockHolds {
    private final ConcurrentMap<String, Hold> holds = new ConcurrentHashMap<>();

    /** Adds a hold if the current thread already holds {@code name}; returns whether it did. */
    boolean nest(String name) {
        Hold hold = holds.get(name);
        if (hold == null || hold.thread != Thread.currentThread()) {
            return false;
        }
        if (hold.count == Integer.MAX_VALUE) {
            throw new IllegalMonitorStateException("maximum lock count exceeded for key \"" + name + "\"");
        }
        hold.count++;
        return true;
    }

    void first(String name, boolean previousOwnerDied) {
        holds.put(name, new Hold(Thread.currentThread(), previousOwnerDied));
    }

    /** Drops one hold of the current thread; returns whether it was the last, so that the lock must be freed. */
    boolean release(String name) {
        Hold hold = holds.get(name);
        if (--hold.count > 0) {
            return false;
        }
        holds.remove(name);
        return true;
    }

    boolean isHeldByCurrentThread(String name) {
        Hold hold = holds.get(name);
        return hold != null && hold.thread == Thread.currentThread();
    }

    int count(String name) {
        Hold hold = holds.get(name);
        return hold != null && hold.thread == Thread.currentThread() ? hold.count : 0;
    }

    boolean previousOwnerDied(String name) {
        Hold hold = holds.get(name);
        return hold != null && hold.thread == Thread.currentThread() && hold.previousOwnerDied;
    }

    /** Notes that the current thread was told it lost its lock of {@code name}. */
    void lossReported(String name) {
        Hold hold = holds.get(name);
        if (hold != null && hold.thread == Thread.currentThread()) {
            hold.lossReported = true;
        }
    }

    /** Whether the current thread was told it lost its lock of {@code name}. */
    boolean wasLossReported(String name) {
        Hold hold = holds.get(name);
        return hold != null && hold.thread == Thread.currentThread() && hold.lossReported;
    }

    /** Forgets the holds of a key that was removed. */
    void forget(String name) {
        holds.remove(name);
    }

    private static final class Hold {
        final Thread thread;
        final boolean previousOwnerDied;
        int count = 1;
        boolean lossReported;

        Hold(Thread thread, boolean previousOwnerDied) {
            this.thread = thread;
            this.previousOwnerDied = previousOwnerDied;
        }
    }
}
