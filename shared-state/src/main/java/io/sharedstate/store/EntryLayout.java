package io.sharedstate.store;

import io.sharedstate.TypeCode;

/**
 * The layout of one key's value inside its Chronicle Map entry. Chronicle places a value at any byte offset, so
 * each value carries {@link #SLACK} spare bytes and the layout starts at the first 64-byte boundary inside it:
 * every process maps the file page-aligned, so all of them find the same base. The first cache line holds what an
 * operation writes (lock, sequence, a single value, the journal links); the second what it only reads.
 *
 * <pre>
 * base +   0  long   lock word        0 free | owner token | -1 removed          (see OwnerToken)
 *      +   8  long   sequence         even at rest, odd while a writer changes the payload (a seqlock)
 *      +  16  long   single value     the value of a single-value key, in its type's width
 *      +  24  long   last event       journal position of the key's last staged event (ring position)
 *      +  32  int    last event ring  the staging ring of that event: slot + 1 (bits 20-31) | generation (0-19)
 *      +  36  int    last writer pid
 *      +  40  int    pending          changes not yet journaled (coalesced keys, or a full staging ring)
 *      +  44  short  hold count       the owner's reentrant holds of an explicit lock
 *      +  46  byte   state            1 creating, 2 removing, 4 owner died in a section, 8 whole-array write
 *      +  47  byte   reserved
 *      +  48  long   pending delta    the net sum of the pending changes (a double's bits for floats)
 *      +  56  long   committed        a single value as of the start of the explicit section in progress
 *      +  64  long   entry id         random, non-zero; a new one each time the key is (re)created
 *      +  72  int    magic            'SSE2'
 *      +  76  byte   typecode         ASCII, such as 'i'
 *      +  77  byte   flags            1 array, 2 journaled, 4 coalesced, 8 removed, 16 pending is not a sum
 *      +  78  short  reserved
 *      +  80  int    length           elements: 1 for a single value
 *      +  84  int    reserved
 *      +  88  long   created          epoch microseconds
 *      +  96  long   locked since     epoch microseconds an explicit lock was taken, 0 otherwise
 *      + 104  long   last flush       epoch millis the pending changes were last journaled
 *      + 112  long   removal stamp    the store's removal number when the key was removed
 *      + 120  long   removal regs     the store's registration count when the key was removed
 *      + 128  ...    array payload    length elements of the type's width
 * </pre>
 *
 * Only the lock's owner writes anything but the lock word; readers use the sequence to get consistent snapshots
 * without writing. A removed key keeps its bytes (a tombstone, lock word -1) until no process can still use them.
 */
final class EntryLayout {
    static final long LOCK = 0;
    static final long SEQUENCE = 8;
    static final long VALUE = 16;
    static final long LAST_EVENT = 24;
    static final long LAST_EVENT_RING = 32;
    static final long LAST_WRITER = 36;
    static final long PENDING = 40;
    static final long HOLD_COUNT = 44;
    static final long STATE = 46;
    static final long PENDING_DELTA = 48;
    static final long COMMITTED = 56;
    static final long ENTRY_ID = 64;
    static final long MAGIC = 72;
    static final long TYPECODE = 76;
    static final long FLAGS = 77;
    static final long LENGTH = 80;
    static final long CREATED_MICROS = 88;
    static final long LOCKED_SINCE_MICROS = 96;
    static final long LAST_FLUSH_MILLIS = 104;
    static final long REMOVAL_STAMP = 112;
    static final long REMOVAL_REGISTRATIONS = 120;
    static final long ARRAY_PAYLOAD = 128;

    static final int MAGIC_VALUE = 0x53534532;

    static final int FLAG_ARRAY = 1;
    static final int FLAG_JOURNALED = 2;
    static final int FLAG_COALESCED = 4;
    static final int FLAG_REMOVED = 8;
    static final int FLAG_PENDING_NOT_A_SUM = 16;

    static final int STATE_CREATING = 1;
    static final int STATE_REMOVING = 2;
    static final int STATE_OWNER_DIED = 4;
    static final int STATE_WHOLE_WRITE = 8;

    static final int ALIGNMENT = 64;
    static final int SLACK = ALIGNMENT - 1;
    static final int HEADER = 128;

    private EntryLayout() {
    }

    /** Returns the Chronicle value size for a key of this shape. */
    static int valueSize(TypeCode type, boolean array, int length) {
        long payload = array ? align8((long) type.width() * length) : 0;
        return Math.toIntExact(SLACK + HEADER + payload);
    }

    /** Returns the layout's base inside a value that starts at {@code valueAddress}. */
    static long base(long valueAddress) {
        return (valueAddress + SLACK) & -ALIGNMENT;
    }

    /** Returns the address of element {@code index} of an entry at {@code base}; index 0 of a single value. */
    static long elementAddress(long base, TypeCode type, boolean array, int index) {
        return array ? base + ARRAY_PAYLOAD + (long) index * type.width() : base + VALUE;
    }

    private static long align8(long bytes) {
        return (bytes + 7) & -8L;
    }
}
