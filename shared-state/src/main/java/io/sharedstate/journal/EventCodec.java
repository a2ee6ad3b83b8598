package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.ValueCodec;
import net.openhft.chronicle.bytes.BytesIn;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of one journal event, in native (little-endian) order, the same in a staging ring and in the
 * journal files:
 * <pre>
 *  0  byte   format           {@value #FORMAT}
 *  1  byte   operation        {@link Operation} ordinal
 *  2  byte   typecode         ASCII
 *  3  byte   flags            1 array, 2 has delta, 4 has count
 *  4  int    pid
 *  8  long   time             epoch microseconds
 * 16  int    index            -1 unless an element
 * 20  short  key length       then the key's UTF-8 bytes
 *  .  int    value count      then that many canonical longs
 *  .  long   delta            if flag 2
 *  .  long   count            if flag 4: the number of changes a COALESCED or GAP event stands for
 * </pre>
 * The queue's own document header frames each event, so a reader sees whole events only.
 */
final class EventCodec {
    static final int FORMAT = 2;
    private static final int FLAG_ARRAY = 1;
    private static final int FLAG_DELTA = 2;
    private static final int FLAG_COUNT = 4;
    private static final int FIXED = 22;
    private static final Operation[] OPERATIONS = Operation.values();

    private EventCodec() {
    }

    /** Returns the bytes an event takes. */
    static int length(int keyBytes, int valueCount, boolean hasDelta, boolean hasCount) {
        return FIXED + keyBytes + 4 + 8 * valueCount + (hasDelta ? 8 : 0) + (hasCount ? 8 : 0);
    }

    /** Writes one event at {@code offset} of {@code out}; values are canonical, {@code valueCount} of them. */
    static void write(MutableDirectBuffer out, int offset, Operation operation, byte[] key, TypeCode type,
                      boolean array, int index, int pid, long timeMicros, long[] values, int valueCount, long delta,
                      boolean hasDelta, long count, boolean hasCount) {
        out.putByte(offset, (byte) FORMAT);
        out.putByte(offset + 1, (byte) operation.ordinal());
        out.putByte(offset + 2, (byte) type.code());
        out.putByte(offset + 3, (byte) ((array ? FLAG_ARRAY : 0) | (hasDelta ? FLAG_DELTA : 0)
                | (hasCount ? FLAG_COUNT : 0)));
        out.putInt(offset + 4, pid);
        out.putLong(offset + 8, timeMicros);
        out.putInt(offset + 16, index);
        out.putShort(offset + 20, (short) key.length);
        out.putBytes(offset + FIXED, key);
        int at = offset + FIXED + key.length;
        out.putInt(at, valueCount);
        at += 4;
        for (int i = 0; i < valueCount; i++) {
            out.putLong(at, values[i]);
            at += 8;
        }
        if (hasDelta) {
            out.putLong(at, delta);
            at += 8;
        }
        if (hasCount) {
            out.putLong(at, count);
        }
    }

    /** Writes one event of a single value or element, without an array of values. */
    static void writeOne(MutableDirectBuffer out, int offset, Operation operation, byte[] key, TypeCode type,
                         boolean array, int index, int pid, long timeMicros, long value, long delta,
                         boolean hasDelta) {
        out.putByte(offset, (byte) FORMAT);
        out.putByte(offset + 1, (byte) operation.ordinal());
        out.putByte(offset + 2, (byte) type.code());
        out.putByte(offset + 3, (byte) ((array ? FLAG_ARRAY : 0) | (hasDelta ? FLAG_DELTA : 0)));
        out.putInt(offset + 4, pid);
        out.putLong(offset + 8, timeMicros);
        out.putInt(offset + 16, index);
        out.putShort(offset + 20, (short) key.length);
        out.putBytes(offset + FIXED, key);
        int at = offset + FIXED + key.length;
        out.putInt(at, 1);
        out.putLong(at + 4, value);
        if (hasDelta) {
            out.putLong(at + 12, delta);
        }
    }

    /** Reads the key only, to filter without decoding the rest. */
    static String peekKey(BytesIn<?> in) {
        long start = in.readPosition();
        byte[] key = new byte[in.readShort(start + 20)];
        in.readPosition(start + FIXED);
        in.read(key);
        in.readPosition(start);
        return new String(key, StandardCharsets.UTF_8);
    }

    static ChangeEvent read(BytesIn<?> in, long sequence) {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalStateException("journal event " + sequence + " has format " + format
                    + "; this version reads format " + FORMAT);
        }
        int operationOrdinal = in.readByte();
        if (operationOrdinal < 0 || operationOrdinal >= OPERATIONS.length) {
            throw new IllegalStateException("journal event " + sequence + " has an unknown operation "
                    + operationOrdinal);
        }
        Operation operation = OPERATIONS[operationOrdinal];
        TypeCode type = TypeCode.of((char) in.readByte());
        int flags = in.readByte();
        int pid = in.readInt();
        long micros = in.readLong();
        int index = in.readInt();
        byte[] key = new byte[in.readShort()];
        in.read(key);
        int count = in.readInt();
        if (count < 0 || count > (1 << 24)) {
            throw new IllegalStateException("journal event " + sequence + " is corrupt: " + count + " values");
        }
        List<Number> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(ValueCodec.toNumber(type, in.readLong()));
        }
        Number delta = (flags & FLAG_DELTA) != 0 ? deltaNumber(type, in.readLong()) : null;
        long changes = (flags & FLAG_COUNT) != 0 ? in.readLong() : 1;
        return new ChangeEvent(sequence, Instant.EPOCH.plus(micros, ChronoUnit.MICROS), pid,
                new String(key, StandardCharsets.UTF_8), operation, type, (flags & FLAG_ARRAY) != 0, index, values,
                delta, changes);
    }

    private static Number deltaNumber(TypeCode type, long delta) {
        return type.isFloatingPoint() ? (Number) Double.longBitsToDouble(delta) : (Number) delta;
    }
}
