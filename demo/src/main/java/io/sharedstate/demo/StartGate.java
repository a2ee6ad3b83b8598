package io.sharedstate.demo;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A start barrier kept in the store itself, so that workers in several JVMs begin a timed phase together: each
 * worker counts itself in {@code NAME.arrived} and waits until the launcher sets {@code NAME.open}. The launcher
 * waits for every worker to arrive, then opens the gate and starts its clock; JVM start-up, class loading and
 * opening the store are thus left out of what the scenario measures. The two keys are not journaled.
 */
final class StartGate {
    private static final long WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final String name;
    private final SharedLong arrived;
    private final SharedLong open;

    private StartGate(String name, SharedLong arrived, SharedLong open) {
        this.name = name;
        this.arrived = arrived;
        this.open = open;
    }

    /** Returns the gate {@code name} of {@code state}, creating its keys closed if needed. */
    static StartGate of(SharedState state, String name) {
        SharedState untracked = state.withJournal(JournalMode.OFF);
        return new StartGate(name, untracked.longValue(name + ".arrived", 0), untracked.longValue(name + ".open", 0));
    }

    /** Worker side: counts this worker in and waits until the gate opens. */
    void arriveAndAwait() {
        arrived.incrementAndGet();
        while (open.get() == 0) {
            LockSupport.parkNanos(WAIT_NANOS);
        }
    }

    /** Worker side: counts this worker in without waiting, for a gate that marks the end of a phase. */
    void arrive() {
        arrived.incrementAndGet();
    }

    /** Returns how many workers have arrived. */
    long arrivals() {
        return arrived.get();
    }

    /** Launcher side: waits until {@code parties} workers of {@code group} have arrived. */
    void awaitArrivals(int parties, ChildGroup group, Duration timeout) {
        group.awaitCondition(parties + " workers at " + name, () -> arrived.get() >= parties, timeout);
    }

    /** Launcher side: opens the gate and returns {@link System#nanoTime()} of the moment it did. */
    long open() {
        long now = System.nanoTime();
        open.set(1);
        return now;
    }
}
