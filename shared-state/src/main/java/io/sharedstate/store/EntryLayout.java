package io.sharedstate.store;

import io.sharedstate.TypeCode;

/**
 * The layout of one key's value inside its Chronicle Map entry. Chronicle places a value at any byte offset,
 * so each value carries {@link #SLACK} spare bytes and the layout starts at the first 64-byte boundary inside
 * it: every process maps the file page-aligned, so all of them find the same base. A single value then fills
 * exactly one cache line, shared with no other key.
 *
 * <pre>
 * base +  0  long   lock word        0 free | owner token | -1 removed          (see OwnerToken)
 *      +  8  long   sequence         even at rest, odd while a writer changes the payload (a seqlock)
 *      + 16  long   entry id         random, non-zero; a new one each time the key is (re)created
 *      + 24  int    magic            'SSE1'
 *      + 28  byte   typecode         ASCII, such as 'i'
 *      + 29  byte   flags            1 array, 2 journaled, 4 removed, 8 lock taken from a dead owner
 *      + 30  short  hold count       the owner's reentrant holds of an explicit lock
 *      + 32  int    length           elements: 1 for a single value
 *      + 36  int    last writer pid
 *      + 40  long   created          epoch microseconds
 *      + 48  long   locked since     epoch microseconds an explicit lock was taken, 0 otherwise
 *      + 56  ...    payload          a single value in 8 bytes, or length elements of the type's width
 * </pre>
 *
 * Only the lock's owner writes anything but the lock word; readers use the sequence to get consistent
 * snapshots without writing. A removed key keeps its bytes (a tombstone, lock word -1, the removal's
 * registration number in the payload) until no process that could hold a handle to it is alive.
 */
final class EntryLayout {
    static final long LOCK = 0;
    static final long SEQUENCE = 8;
    static final long ENTRY_ID = 16;
    static final long MAGIC = 24;
    static final long TYPECODE = 28;
    static final long FLAGS = 29;
    static final long HOLD_COUNT = 30;
    static final long LENGTH = 32;
    static final long LAST_WRITER = 36;
    static final long CREATED_MICROS = 40;
    static final long LOCKED_SINCE_MICROS = 48;
    static final long PAYLOAD = 56;

    static final int MAGIC_VALUE = 0x53534531;
    static final int FLAG_ARRAY = 1;
    static final int FLAG_JOURNALED = 2;
    static final int FLAG_REMOVED = 4;
    static final int FLAG_RECOVERED = 8;

    static final int ALIGNMENT = 64;
    static final int SLACK = ALIGNMENT - 1;
    private static final int SCALAR_PAYLOAD = 8;

    private EntryLayout() {
    }

    /** Returns the Chronicle value size for a key of this shape. */
    static int valueSize(TypeCode type, boolean array, int length) {
        long payload = array ? align8((long) type.width() * length) : SCALAR_PAYLOAD;
        return Math.toIntExact(SLACK + PAYLOAD + payload);
    }

    /** Returns the layout's base inside a value that starts at {@code valueAddress}. */
    static long base(long valueAddress) {
        return (valueAddress + SLACK) & -ALIGNMENT;
    }

    /** Returns the address of element {@code index} of an entry at {@code base}. */
    static long elementAddress(long base, TypeCode type, int index) {
        return base + PAYLOAD + (long) index * type.width();
    }

    private static long align8(long bytes) {
        return (bytes + 7) & -8L;
    }
}
