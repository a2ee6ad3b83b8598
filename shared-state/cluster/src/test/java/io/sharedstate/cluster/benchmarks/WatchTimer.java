package io.sharedstate.cluster.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Times a write until a listener in this JVM is handed its event. Both clocks are this JVM's, so the figures are
 * exact; the event still crosses the cluster, as the key's record is created on its primary, whose continuous query
 * sends it to this node. Two figures per write: from the start of the write (what a watcher waits, write included),
 * and from the moment the write returned (negative when the event beat the acknowledgement). Two timers on the same
 * writes ({@link #pair}) give the delay of one listener after the other for each event.
 */
final class WatchTimer {
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final AtomicLong seen = new AtomicLong();
    private final Latency afterReturn;
    private volatile long seenAt;
    private volatile Thread waiter;

    WatchTimer(Latency afterReturn) {
        this.afterReturn = afterReturn;
    }

    /** Called by the listener on its own thread. */
    void seen() {
        seenAt = System.nanoTime();
        seen.incrementAndGet();
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Runs {@code write}, waits for its event; returns the time from the write's start to the listener. */
    long once(Probe.Call write) throws Exception {
        long target = expect();
        long start = System.nanoTime();
        write.run();
        long returned = System.nanoTime();
        long at = await(target, returned);
        afterReturn.add(at - returned);
        return at - start;
    }

    /**
     * Runs {@code write} with two listeners on its key; returns how long after {@code earlier}'s listener
     * {@code later}'s was handed the same event (negative if it came first).
     */
    static long pair(WatchTimer later, WatchTimer earlier, Probe.Call write) throws Exception {
        long laterTarget = later.expect();
        long earlierTarget = earlier.expect();
        write.run();
        long returned = System.nanoTime();
        return later.await(laterTarget, returned) - earlier.await(earlierTarget, returned);
    }

    private long expect() {
        waiter = Thread.currentThread();
        return seen.get() + 1;
    }

    /** Waits until the {@code target}th event has been seen; returns when it was. */
    private long await(long target, long since) {
        while (seen.get() < target) {
            // Parked, not spinning: on 2 cores a spinning writer would delay the very delivery it waits for.
            LockSupport.parkNanos(this, 1_000_000);
            if (System.nanoTime() - since > PATIENCE_NANOS) {
                throw new IllegalStateException("no event within 30 s of a write: is the watch open?");
            }
        }
        return seenAt;
    }
}
