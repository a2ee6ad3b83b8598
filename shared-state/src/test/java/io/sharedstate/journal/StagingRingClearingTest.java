package io.sharedstate.journal;

import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drainer may be killed after it appended a record and while it clears it from the ring, before it moves the
 * ring's head: the head then points at a zeroed header with the record's tail behind it. Seen in a fresh-clone run:
 * Agrona's {@code unblock} took that tail for a record, the drainer read a length of over a gigabyte and the
 * journal never caught up again. The states such a kill leaves are written here into a real ring file, byte for
 * byte as Agrona's clearing leaves them, and the ring must go on with the next record whole.
 */
class StagingRingClearingTest {
    private static final Set<PosixFilePermission> PERMISSIONS = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final int CAPACITY = 4096;
    /** A record of this event takes 224 bytes: 18 fill 4,032 of 4,096, the next wraps after 64 bytes of padding. */
    private static final int EVENT_BYTES = 200;
    private static final int RECORDS_BEFORE_THE_WRAP = 18;

    @TempDir
    Path dir;

    @Test
    void aRecordHalfClearedWhenItsDrainerDiedIsSettledAndTheRingGoesOnWithTheNextRecord() {
        StagingRing ring = newRing();
        long appended = ring.producerPosition();
        stage(ring, 1);
        stage(ring, 2);
        // Agrona clears forward from the header: a kill part way leaves the header zero, the rest of the event not.
        int index = (int) (appended & (CAPACITY - 1));
        ring.buffer().setMemory(index, 40, (byte) 0);

        assertEquals(List.of(), readAll(ring), "nothing can be read past a zeroed header");
        assertTrue(ring.settleDrained(appended, StagingRing.recordBytes(EVENT_BYTES)));

        assertEquals(List.of(2), readAll(ring), "the next record, whole, and nothing made of the first's tail");
        assertTrue(ring.isEmpty());
        assertAllZero(ring.buffer(), 0, CAPACITY);
    }

    @Test
    void aRecordTheDeadDrainerAppendedButDidNotClearIsNotReadAgain() {
        StagingRing ring = newRing();
        stage(ring, 1);
        stage(ring, 2);

        assertTrue(ring.settleDrained(0, StagingRing.recordBytes(EVENT_BYTES)), "the first record, at position 0");

        assertEquals(List.of(2), readAll(ring));
    }

    @Test
    void aRecordAlreadyPastTheHeadCountsAsSettled() {
        StagingRing ring = newRing();
        long first = ring.producerPosition();
        stage(ring, 1);
        assertEquals(List.of(1), readAll(ring));

        assertTrue(ring.settleDrained(first, StagingRing.recordBytes(EVENT_BYTES)));
        assertFalse(ring.settleDrained(ring.producerPosition(), StagingRing.recordBytes(EVENT_BYTES)),
                "a record not yet staged is not settled");
    }

    @Test
    void paddingClearedWhenItsDrainerDiedIsPassedAndTheRecordAfterTheWrapIsRead() {
        StagingRing ring = ringWithPaddingAtTheHead();
        long paddingAt = ring.consumerPosition();
        assertEquals(CAPACITY - (int) paddingAt, ring.buffer().getInt((int) paddingAt), "padding up to the end");

        // The drainer noted the padding, cleared it, header last, and died before moving the head.
        int index = (int) (paddingAt & (CAPACITY - 1));
        markClearing(ring, paddingAt, CAPACITY - index);
        ring.buffer().setMemory(index, CAPACITY - index, (byte) 0);

        assertEquals(List.of(RECORDS_BEFORE_THE_WRAP), readAll(ring));
        assertTrue(ring.isEmpty());
    }

    @Test
    void aRecordGivenUpAndClearedWhenItsDrainerDiedIsPassedAndTheRecordAfterItIsRead() {
        StagingRing ring = newRing();
        long givenUpAt = ring.producerPosition();
        ring.abort(ring.claim(EVENT_BYTES));
        stage(ring, 7);
        int length = StagingRing.recordBytes(EVENT_BYTES);
        markClearing(ring, givenUpAt, length);
        ring.buffer().setMemory((int) givenUpAt, length, (byte) 0);

        assertEquals(List.of(7), readAll(ring));
        assertTrue(ring.isEmpty());
    }

    @Test
    void aZeroedHeaderAtTheHeadWithoutTheDrainersMarkIsAClaimInProgressAndIsWaitedFor() {
        StagingRing ring = newRing();
        fillUpToTheWrap(ring);
        long head = ring.consumerPosition();
        int offset = ring.claim(EVENT_BYTES);
        // A producer that has claimed the padding and the record after it, and written neither header yet.
        ring.buffer().putLong((int) (head & (CAPACITY - 1)), 0);
        ring.buffer().putLong(offset - RecordDescriptor.HEADER_LENGTH, 0);

        assertEquals(List.of(), readAll(ring));
        assertEquals(head, ring.consumerPosition(), "the head waits for the producer");
    }

    @Test
    void paddingIsClearedHeaderLastSoAKilledClearingLeavesItWhole() {
        StagingRing ring = ringWithPaddingAtTheHead();
        long paddingAt = ring.consumerPosition();
        assertEquals(List.of(RECORDS_BEFORE_THE_WRAP), readAll(ring));
        assertEquals(paddingAt, markOf(ring), "the padding's position was written before it was cleared");
        assertAllZero(ring.buffer(), 0, CAPACITY);
    }

    private StagingRing newRing() {
        return StagingRing.create(dir, StagingRing.id(0, 1), CAPACITY, PERMISSIONS);
    }

    /** Returns a ring whose head is at padding up to the end of the buffer, and a record after the wrap. */
    private StagingRing ringWithPaddingAtTheHead() {
        StagingRing ring = newRing();
        fillUpToTheWrap(ring);
        stage(ring, RECORDS_BEFORE_THE_WRAP);
        return ring;
    }

    private static void fillUpToTheWrap(StagingRing ring) {
        List<Integer> staged = new ArrayList<>();
        for (int i = 0; i < RECORDS_BEFORE_THE_WRAP; i++) {
            stage(ring, i);
            staged.add(i);
        }
        assertEquals(staged, readAll(ring));
    }

    private static void stage(StagingRing ring, int id) {
        int offset = ring.claim(EVENT_BYTES);
        assertTrue(offset >= 0, "room in the ring");
        UnsafeBuffer buffer = ring.buffer();
        buffer.setMemory(offset, StagingRing.LINK_BYTES + EVENT_BYTES, (byte) 0x5A);
        buffer.putInt(offset, 0);
        buffer.putLong(offset + 8, 0);
        buffer.putInt(offset + StagingRing.LINK_BYTES, id);
        ring.commit(offset);
    }

    private static List<Integer> readAll(StagingRing ring) {
        List<Integer> ids = new ArrayList<>();
        ring.read((type, buffer, index, length) -> {
            assertEquals(StagingRing.EVENT_TYPE, type);
            assertEquals(StagingRing.LINK_BYTES + EVENT_BYTES, length, "a whole record");
            ids.add(buffer.getInt(index + StagingRing.LINK_BYTES));
            return ControlledMessageHandler.Action.COMMIT;
        }, 100);
        return ids;
    }

    private static void markClearing(StagingRing ring, long position, int length) {
        ring.buffer().putLong(CAPACITY + RingBufferDescriptor.CORRELATION_COUNTER_OFFSET, length);
        ring.buffer().putLong(CAPACITY + RingBufferDescriptor.CONSUMER_HEARTBEAT_OFFSET, position);
    }

    private static long markOf(StagingRing ring) {
        return ring.buffer().getLong(CAPACITY + RingBufferDescriptor.CONSUMER_HEARTBEAT_OFFSET);
    }

    private static void assertAllZero(UnsafeBuffer buffer, int from, int to) {
        for (int at = from; at < to; at++) {
            assertEquals(0, buffer.getByte(at), "byte " + at + " is cleared");
        }
    }
}
