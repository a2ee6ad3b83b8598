package io.sharedstate.journal;

import io.sharedstate.internal.FilePermissions;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * One process's journal staging ring: an Agrona {@link ManyToOneRingBuffer} over a memory-mapped file in
 * {@code journal/staging/}, into which the process's threads stage journal events (tens of nanoseconds, no lock
 * shared with other processes) and from which the drainer moves them into the journal files.
 *
 * <p>The file is written whole when it is created, so no write into it can hit an unallocated page on a full
 * disk. It is named after the registry slot and generation of the process that writes it; only that process
 * produces into it, so when the process dies (as its registry slot's OS lock tells) the drainer knows no write will
 * ever complete a claimed record and may unblock it. A ring is identified by {@link #id(int, int)}.
 *
 * <p>Each record is {@value #LINK_BYTES} bytes of link, then an event as {@link EventCodec} writes it: the link names
 * the staged event of the same key that must reach the journal first (another ring's, when another process changed
 * the key last), which is how the drainer keeps each key's events in order across processes.
 * <pre>
 *  0  int   predecessor ring     {@link #id(int, int)}, or 0 for none
 *  4  int   reserved
 *  8  long  predecessor position that event's position in its ring
 * 16  ...   the event
 * </pre>
 */
public final class StagingRing implements AutoCloseable {
    /** The bytes of link before each event. */
    public static final int LINK_BYTES = 16;
    static final int EVENT_TYPE = 1;
    private static final String SUFFIX = ".ring";
    private static final int GENERATION_BITS = 20;

    private final Path file;
    private final int id;
    private final MappedByteBuffer mapping;
    private final ManyToOneRingBuffer ring;
    private final int capacity;

    private StagingRing(Path file, int id, MappedByteBuffer mapping) {
        this.file = file;
        this.id = id;
        this.mapping = mapping;
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(mapping));
        this.capacity = ring.capacity();
    }

    /** Returns the id of the ring of registry slot {@code slot}, generation {@code generation}; never 0. */
    public static int id(int slot, int generation) {
        return ((slot + 1) << GENERATION_BITS) | (generation & ((1 << GENERATION_BITS) - 1));
    }

    /** Returns the file of the ring with this id in {@code directory}. */
    static Path file(Path directory, int id) {
        return directory.resolve(Integer.toHexString(id) + SUFFIX);
    }

    /** Returns the id a ring file's name gives, or 0 if it is not a ring file. */
    static int idOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return 0;
        }
        try {
            return Integer.parseUnsignedInt(name.substring(0, name.length() - SUFFIX.length()), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Creates and maps the ring file of this process: {@code bytes} rounded down to a power of two of room, written
     * whole, with the store's permissions.
     *
     * @throws UncheckedIOException if the file cannot be created, for example on a full disk
     */
    static StagingRing create(Path directory, int id, int bytes, Set<PosixFilePermission> permissions) {
        int capacity = Integer.highestOneBit(bytes);
        Path file = file(directory, id);
        long length = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        try {
            Files.deleteIfExists(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                FilePermissions.apply(file, permissions);
                ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 16);
                for (long written = 0; written < length; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), length - written));
                    written += channel.write(zeros, written);
                }
                channel.force(false);
                return new StagingRing(file, id, channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: the drainer deletes stale ring files
            }
            throw new UncheckedIOException("cannot create the journal staging file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** Maps an existing ring file, for the drainer; null if it is gone or not a whole ring file. */
    static StagingRing open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long length = channel.size();
            long capacity = length - RingBufferDescriptor.TRAILER_LENGTH;
            if (capacity < 1024 || Long.bitCount(capacity) != 1 || capacity > Integer.MAX_VALUE) {
                return null;
            }
            return new StagingRing(file, idOf(file), channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        } catch (IOException e) {
            return null;
        }
    }

    /** Returns this ring's id. */
    public int id() {
        return id;
    }

    Path file() {
        return file;
    }

    /**
     * Claims room for a record whose event is {@code eventBytes} long.
     *
     * @return the offset of the record in {@link #buffer()}, or a negative number if the ring is full
     */
    int claim(int eventBytes) {
        int length = LINK_BYTES + eventBytes;
        if (length > ring.maxMsgLength()) {
            return -1;
        }
        return ring.tryClaim(EVENT_TYPE, length);
    }

    /** Publishes a claimed record. */
    void commit(int offset) {
        ring.commit(offset);
    }

    /** Gives a claimed record up; the drainer skips it. */
    void abort(int offset) {
        ring.abort(offset);
    }

    /**
     * Returns the absolute position of the record at {@code offset}, just claimed: the tail is past it and, while it
     * is uncommitted, the head is not, so the two differ by less than the capacity.
     */
    long positionOf(int offset) {
        int recordIndex = offset - org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
        long tail = ring.producerPosition();
        long distance = (tail - recordIndex) & (capacity - 1);
        return tail - (distance == 0 ? capacity : distance);
    }

    /**
     * Returns the absolute position of the record whose message starts at {@code messageOffset}, during a read: the
     * head is at the start of the records read since the last commit (padding among them), the record lies at most
     * a capacity after it.
     */
    long positionOfRecordAt(int messageOffset) {
        int recordIndex = messageOffset - org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
        long head = ring.consumerPosition();
        return head + ((recordIndex - head) & (capacity - 1));
    }

    /** Returns the bytes a record of an event of {@code eventBytes} takes in a ring, header and alignment included. */
    static int recordBytes(int eventBytes) {
        int length = org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH + LINK_BYTES + eventBytes;
        int alignment = org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
        return (length + alignment - 1) & -alignment;
    }

    /**
     * Settles the record at {@code position} ({@code recordBytes} long), which the drainer that died appended last:
     * if the head is still at it, that drainer died before Agrona had cleared it and moved the head, perhaps half
     * way through the clearing, which leaves the record's tail behind a zeroed header, where a later read or
     * Agrona's {@code unblock} would take it for records. The clearing is finished and the head moved past it.
     *
     * @return whether the record is settled (now, or already: the head is past it)
     */
    boolean settleDrained(long position, int recordBytes) {
        long head = ring.consumerPosition();
        if (head != position) {
            return head > position;
        }
        if (position + recordBytes > ring.producerPosition()) {
            return false;
        }
        int index = (int) (position & (capacity - 1));
        int length = buffer().getIntVolatile(index);
        if (length != 0 && align(length) != recordBytes) {
            return false;
        }
        moveHeadClearing(index, recordBytes);
        return true;
    }

    /** Moves the head to {@code end} if every byte from the head to there is zero (at most a capacity away). */
    private boolean moveHeadOverZeroes(long end) {
        long head = ring.consumerPosition();
        if (end - head > capacity) {
            return false;
        }
        UnsafeBuffer buffer = buffer();
        for (long at = head; at < end; at += Long.BYTES) {
            if (buffer.getLongVolatile((int) (at & (capacity - 1))) != 0) {
                return false;
            }
        }
        buffer.putLongOrdered(capacity + org.agrona.concurrent.ringbuffer.RingBufferDescriptor.HEAD_POSITION_OFFSET,
                end);
        return true;
    }

    /** Returns the buffer records are written to. */
    UnsafeBuffer buffer() {
        return (UnsafeBuffer) ring.buffer();
    }

    /**
     * Reads up to {@code limit} records, one Agrona {@link ManyToOneRingBuffer#controlledRead} at a time, each
     * started at a committed event: padding (at the end of the buffer, or a record given up) is cleared here, header
     * last, after it is noted in the ring's trailer. Clearing, then moving the head, a drainer killed between the two
     * leaves a zeroed header at the head, which looks like a producer's claim not yet written: for padding, the note
     * tells them apart, so the next drainer finishes; for an event, {@link #settleDrained} does.
     *
     * @return the records read
     * @throws IllegalStateException if the record at the head is not one a producer of this ring writes
     */
    int read(ControlledMessageHandler handler, int limit) {
        UnsafeBuffer buffer = buffer();
        int read = 0;
        while (read < limit) {
            long head = ring.consumerPosition();
            int index = (int) (head & (capacity - 1));
            int length = buffer.getIntVolatile(index);
            if (length <= 0) {
                if (length == 0 && finishPaddingOfDeadDrainer(head, index)) {
                    continue;
                }
                break;
            }
            int type = buffer.getInt(index + 4);
            if (type == ManyToOneRingBuffer.PADDING_MSG_TYPE_ID) {
                notePaddingCleared(head, length);
                moveHeadClearing(index, length);
                continue;
            }
            if (type != EVENT_TYPE || length > ring.maxMsgLength() + RecordDescriptor.HEADER_LENGTH
                    || length < RecordDescriptor.HEADER_LENGTH + LINK_BYTES) {
                throw new IllegalStateException("the journal staging ring " + file + " is damaged at position " + head
                        + " (a record of type " + type + ", " + length + " bytes long); its events from there on "
                        + "cannot be journaled");
            }
            if (ring.controlledRead(handler, 1) == 0) {
                break;
            }
            read++;
        }
        return read;
    }

    /**
     * Notes, in two fields of the ring's trailer this project has no other use for (Agrona's correlation counter and
     * consumer heartbeat), the padding the drainer is about to clear: its length, then its position.
     */
    private void notePaddingCleared(long position, int length) {
        UnsafeBuffer buffer = buffer();
        buffer.putLongRelease(capacity + RingBufferDescriptor.CORRELATION_COUNTER_OFFSET, length);
        buffer.putLongRelease(capacity + RingBufferDescriptor.CONSUMER_HEARTBEAT_OFFSET, position);
    }

    /**
     * Moves the head past the padding a drainer died clearing, if it did: the head is where that drainer noted
     * padding, and the padding's bytes are all zero (it clears the header last).
     */
    private boolean finishPaddingOfDeadDrainer(long head, int index) {
        UnsafeBuffer buffer = buffer();
        if (buffer.getLongVolatile(capacity + RingBufferDescriptor.CONSUMER_HEARTBEAT_OFFSET) != head) {
            return false;
        }
        long length = buffer.getLongVolatile(capacity + RingBufferDescriptor.CORRELATION_COUNTER_OFFSET);
        if (length <= 0 || length > capacity - index || (length & (RecordDescriptor.ALIGNMENT - 1)) != 0
                || ring.producerPosition() - head < length) {
            return false;
        }
        for (int at = index; at < index + length; at += Long.BYTES) {
            if (buffer.getLongVolatile(at) != 0) {
                return false;
            }
        }
        buffer.putLongRelease(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET, head + length);
        return true;
    }

    /**
     * Clears {@code bytes} from the head, at {@code index}, header last, then moves the head past them: a drainer
     * killed while clearing leaves the header whole, or nothing but zeroes.
     */
    private void moveHeadClearing(int index, int bytes) {
        UnsafeBuffer buffer = buffer();
        long head = ring.consumerPosition();
        buffer.setMemory(index + RecordDescriptor.HEADER_LENGTH, bytes - RecordDescriptor.HEADER_LENGTH, (byte) 0);
        buffer.putLongVolatile(index, 0);
        buffer.putLongRelease(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET, head + bytes);
    }

    private static int align(int length) {
        return (length + RecordDescriptor.ALIGNMENT - 1) & -RecordDescriptor.ALIGNMENT;
    }

    /** Returns the position up to which records have been drained. */
    long consumerPosition() {
        return ring.consumerPosition();
    }

    /** Returns the position up to which records have been claimed. */
    long producerPosition() {
        return ring.producerPosition();
    }

    /** Returns whether everything claimed has been drained. */
    boolean isEmpty() {
        return ring.consumerPosition() == ring.producerPosition();
    }

    /** Returns the bytes staged and not yet drained. */
    int size() {
        return ring.size();
    }

    /**
     * Skips what a dead producer claimed and never committed; only when the producer is dead. Agrona's
     * {@code unblock} turns such a claim into padding when a record follows it; a claim at the very end, whose length
     * the producer never wrote, has nothing after it to measure it by, so the head is moved to the tail over the
     * zeroes.
     *
     * @return whether something was skipped
     */
    boolean unblockDead() {
        if (ring.unblock()) {
            return true;
        }
        long tail = ring.producerPosition();
        return ring.consumerPosition() != tail && moveHeadOverZeroes(tail);
    }

    @Override
    public void close() {
        // The mapping is released when it is garbage: a thread still staging into it must never touch unmapped
        // memory.
    }

    /** Describes the ring's state and its next record, for diagnostics. */
    String describe() {
        long head = ring.consumerPosition();
        long tail = ring.producerPosition();
        StringBuilder text = new StringBuilder(file.getFileName() + ": head " + head + ", tail " + tail);
        if (head != tail) {
            int index = (int) (head & (capacity - 1));
            int length = buffer().getIntVolatile(index);
            int type = buffer().getInt(index + 4);
            text.append(", next record length ").append(length).append(" type ").append(type);
            if (length > 0 && type == EVENT_TYPE) {
                int offset = index + org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
                text.append(", after ").append(Integer.toHexString(buffer().getInt(offset))).append('@')
                        .append(buffer().getLong(offset + 8));
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "StagingRing{" + file.getFileName() + ", " + size() + "/" + capacity + " bytes staged}";
    }
}
