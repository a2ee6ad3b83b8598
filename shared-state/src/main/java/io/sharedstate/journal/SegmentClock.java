package io.sharedstate.journal;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The drainer's clock for Chronicle Queue, which rolls to a new file when its clock enters a new cycle: wall-clock
 * time, except that {@link #roll()} moves it on to the next cycle's start. That turns the queue's time-based files
 * into size-bounded segments, as Kafka's {@code segment.bytes} does, so that retention can delete whole old segments
 * and hold the journal under its cap at any write rate. The clock never goes back, not across drainers either: it
 * starts from the one the previous drainer left in the header.
 */
final class SegmentClock implements TimeProvider {
    private final long cycleMillis;
    private volatile long floor;

    SegmentClock(long cycleMillis, long start) {
        this.cycleMillis = cycleMillis;
        this.floor = start;
    }

    @Override
    public long currentTimeMillis() {
        return Math.max(System.currentTimeMillis(), floor);
    }

    /** Moves the clock to the start of the next cycle, so that the next append opens a new file. */
    long roll() {
        long now = currentTimeMillis();
        floor = (now / cycleMillis + 1) * cycleMillis;
        return floor;
    }

    /** Moves the clock on to {@code start} if it is behind it; it never goes back. */
    void advanceTo(long start) {
        floor = Math.max(floor, start);
    }

    /** Returns the value to persist, so that a later drainer starts no earlier. */
    long persistable() {
        return currentTimeMillis();
    }
}
