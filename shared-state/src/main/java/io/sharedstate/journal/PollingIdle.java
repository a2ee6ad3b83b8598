package io.sharedstate.journal;

import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How the journal's polling threads (the drainer, watchers) wait for work: Agrona's backoff (spin, yield, then
 * park up to {@value #BUSY_PARK_MICROS} µs) while events are flowing, so delivery stays well under a millisecond,
 * and a 1 ms park once nothing came for a second, so that an idle store costs next to no CPU.
 */
final class PollingIdle {
    private static final long BUSY_PARK_MICROS = 50;
    private static final long QUIET_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long QUIET_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final BackoffIdleStrategy busy = new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
            TimeUnit.MICROSECONDS.toNanos(BUSY_PARK_MICROS));
    private long idleSince;

    /** Waits a little: nothing was found to do. */
    void idle() {
        long now = System.nanoTime();
        if (idleSince == 0) {
            idleSince = now;
        }
        if (now - idleSince > QUIET_AFTER_NANOS) {
            LockSupport.parkNanos(QUIET_PARK_NANOS);
        } else {
            busy.idle();
        }
    }

    /** Work was found: poll eagerly again. */
    void reset() {
        idleSince = 0;
        busy.reset();
    }
}
