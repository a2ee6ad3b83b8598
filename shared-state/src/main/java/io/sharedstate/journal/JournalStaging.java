package io.sharedstate.journal;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.MicrosClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The producing side of the journal in one process: stages events into the process's own {@link StagingRing}, with
 * the link to the key's previous event. Called with the changed key's lock held; never waits: a full ring returns
 * -1 and the caller counts the change as pending instead (see the store's entry journal).
 */
public final class JournalStaging {
    private final StagingRing ring;
    private final int pid;
    private final MicrosClock clock = MicrosClock.system();

    JournalStaging(StagingRing ring, int pid) {
        this.ring = ring;
        this.pid = pid;
    }

    StagingRing ring() {
        return ring;
    }

    /** Returns the id of this process's ring, for the links of the events it stages. */
    public int ringId() {
        return ring.id();
    }

    /**
     * Stages an event of one value or element.
     *
     * @return the event's position in this process's ring, or -1 if the ring is full
     */
    public long stageOne(int predecessorRing, long predecessorPosition, Operation operation, byte[] key,
                         TypeCode type, boolean array, int index, long value, long delta, boolean hasDelta) {
        int length = EventCodec.length(key.length, 1, hasDelta, false);
        int offset = ring.claim(length);
        if (offset < 0) {
            return -1;
        }
        try {
            UnsafeBuffer buffer = ring.buffer();
            writeLink(buffer, offset, predecessorRing, predecessorPosition);
            EventCodec.writeOne(buffer, offset + StagingRing.LINK_BYTES, operation, key, type, array, index, pid,
                    clock.nowMicros(), value, delta, hasDelta);
            long position = ring.positionOf(offset);
            ring.commit(offset);
            return position;
        } catch (RuntimeException | Error e) {
            ring.abort(offset);
            throw e;
        }
    }

    /**
     * Stages an event of several values, or one that stands for {@code count} changes.
     *
     * @return the event's position in this process's ring, or -1 if the ring is full
     */
    public long stage(int predecessorRing, long predecessorPosition, Operation operation, byte[] key, TypeCode type,
                      boolean array, int index, long[] values, int valueCount, long delta, boolean hasDelta,
                      long count, boolean hasCount) {
        int length = EventCodec.length(key.length, valueCount, hasDelta, hasCount);
        int offset = ring.claim(length);
        if (offset < 0) {
            return -1;
        }
        try {
            UnsafeBuffer buffer = ring.buffer();
            writeLink(buffer, offset, predecessorRing, predecessorPosition);
            EventCodec.write(buffer, offset + StagingRing.LINK_BYTES, operation, key, type, array, index, pid,
                    clock.nowMicros(), values, valueCount, delta, hasDelta, count, hasCount);
            long position = ring.positionOf(offset);
            ring.commit(offset);
            return position;
        } catch (RuntimeException | Error e) {
            ring.abort(offset);
            throw e;
        }
    }

    /** Returns the position up to which this process's ring has been claimed. */
    public long stagedPosition() {
        return ring.producerPosition();
    }

    /** Returns the position up to which the drainer has drained this process's ring. */
    public long drainedPosition() {
        return ring.consumerPosition();
    }

    /** Returns the bytes staged and not yet drained. */
    public int stagedBytes() {
        return ring.size();
    }

    /** Deletes this process's ring file, once the process has closed the store and the ring is drained. */
    void deleteRing() {
        try {
            java.nio.file.Files.deleteIfExists(ring.file());
        } catch (java.io.IOException e) {
            // the drainer deletes the rings of processes that are gone
        }
    }

    private static void writeLink(UnsafeBuffer buffer, int offset, int predecessorRing, long predecessorPosition) {
        buffer.putInt(offset, predecessorRing);
        buffer.putInt(offset + 4, 0);
        buffer.putLong(offset + 8, predecessorPosition);
    }
}
