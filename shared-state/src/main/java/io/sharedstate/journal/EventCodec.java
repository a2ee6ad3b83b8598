package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.ValueCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesIn;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of one journal event, little-endian:
 * <pre>
 *  0  byte   format           {@value #FORMAT}
 *  1  byte   operation        {@link Operation} ordinal
 *  2  byte   typecode         ASCII
 *  3  byte   flags            1 array, 2 has delta
 *  4  int    pid
 *  8  long   time             epoch microseconds
 * 16  int    index            -1 unless an element
 * 20  short  key length       then the key's UTF-8 bytes
 *  .  int    value count      then that many canonical longs
 *  .  long   delta            if flag 2
 * </pre>
 * The queue's own document header frames each event, so a reader sees whole events only.
 */
final class EventCodec {
    static final int FORMAT = 1;
    private static final int FLAG_ARRAY = 1;
    private static final int FLAG_DELTA = 2;
    private static final Operation[] OPERATIONS = Operation.values();

    private EventCodec() {
    }

    static void write(Bytes<?> out, Operation operation, byte[] key, TypeCode type, boolean array, int index,
                      int pid, long timeMicros, long[] values, int valueCount, long delta, boolean hasDelta) {
        out.writeByte((byte) FORMAT)
                .writeByte((byte) operation.ordinal())
                .writeByte((byte) type.code())
                .writeByte((byte) ((array ? FLAG_ARRAY : 0) | (hasDelta ? FLAG_DELTA : 0)))
                .writeInt(pid)
                .writeLong(timeMicros)
                .writeInt(index)
                .writeShort((short) key.length)
                .write(key)
                .writeInt(valueCount);
        for (int i = 0; i < valueCount; i++) {
            out.writeLong(values[i]);
        }
        if (hasDelta) {
            out.writeLong(delta);
        }
    }

    /** Reads the key only, to filter without decoding the rest. */
    static String peekKey(BytesIn<?> in) {
        long start = in.readPosition();
        byte[] key = new byte[in.readShort(start + 20)];
        in.readPosition(start + 22);
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
        Operation operation = OPERATIONS[in.readByte()];
        TypeCode type = TypeCode.of((char) in.readByte());
        int flags = in.readByte();
        int pid = in.readInt();
        long micros = in.readLong();
        int index = in.readInt();
        byte[] key = new byte[in.readShort()];
        in.read(key);
        int count = in.readInt();
        List<Number> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(ValueCodec.toNumber(type, in.readLong()));
        }
        Number delta = (flags & FLAG_DELTA) != 0 ? deltaNumber(type, in.readLong()) : null;
        return new ChangeEvent(sequence, Instant.EPOCH.plus(micros, ChronoUnit.MICROS), pid,
                new String(key, StandardCharsets.UTF_8), operation, type, (flags & FLAG_ARRAY) != 0, index, values,
                delta);
    }

    private static Number deltaNumber(TypeCode type, long delta) {
        return type.isFloatingPoint() ? (Number) Double.longBitsToDouble(delta) : (Number) delta;
    }
}
