package io.sharedstate.internal;

import java.time.Instant;

/** Wall-clock time in epoch microseconds, the precision of journal events and key timestamps. */
public final class MicrosClock {
    private static final MicrosClock SYSTEM = new MicrosClock();

    private MicrosClock() {
    }

    /** Returns the system clock. */
    public static MicrosClock system() {
        return SYSTEM;
    }

    /** Returns the current time in microseconds since the epoch. */
    public long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
