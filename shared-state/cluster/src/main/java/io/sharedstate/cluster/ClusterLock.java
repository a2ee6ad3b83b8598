package io.sharedstate.cluster;

import io.sharedstate.SharedLock;

import java.time.Duration;

/**
 * An explicit hold of a key's cluster-wide lock (see {@link SharedLock}). The key's entry names the holding thread
 * and node, so every member sees it; the hold count is this process's ({@link LockHolds}), as no other process can
 * hold the lock meanwhile. When the holder's node leaves the cluster, the next taker finds its node gone and takes
 * the lock over; if the holder was only out of touch (paused, or cut off) and comes back, it finds out at its next
 * change or at unlock, which throw {@link io.sharedstate.LockLostException}.
 */
final class ClusterLock implements SharedLock {
    private final ClusterHandle key;
    private final LockHolds holds;
    /** Holds taken through this object and not yet released; only the owning thread changes it. */
    private int holdsTaken;

    ClusterLock(ClusterHandle key, LockHolds holds) {
        this.key = key;
        this.holds = holds;
    }

    @Override
    public String name() {
        return key.name;
    }

    @Override
    public void lock() {
        try {
            acquire(Long.MAX_VALUE, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before waiting for the lock of key \"" + key.name + "\"");
        }
        acquire(Long.MAX_VALUE, true);
    }

    @Override
    public boolean tryLock(Duration timeout) {
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        try {
            return acquire(deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    @Override
    public void unlock() {
        key.owner.checkOpen();
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold the lock of key \"" + key.name
                    + "\"");
        }
        boolean lossReported = holds.wasLossReported(key.name);
        holdsTaken = Math.max(0, holdsTaken - 1);
        if (holds.release(key.name) && !key.owner.keys().release(key.name) && !lossReported) {
            throw key.owner.keys().lockLost(key.name, "nothing was changed after that");
        }
    }

    @Override
    public void close() {
        key.owner.checkOpen();
        while (holdsTaken > 0) {
            unlock();
        }
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return holds.isHeldByCurrentThread(key.name);
    }

    @Override
    public int holdCount() {
        return holds.count(key.name);
    }

    @Override
    public boolean previousOwnerDied() {
        return holds.previousOwnerDied(key.name);
    }

    private boolean acquire(long deadlineNanos, boolean interruptible) throws InterruptedException {
        key.owner.checkWritable();
        if (holds.nest(key.name)) {
            holdsTaken++;
            return true;
        }
        Boolean ownerDied = key.owner.keys().acquire(key.name, key.generation, deadlineNanos, interruptible);
        if (ownerDied == null) {
            return false;
        }
        holds.first(key.name, ownerDied);
        holdsTaken++;
        return true;
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
