package io.sharedstate.store;

import io.sharedstate.JournalMode;
import io.sharedstate.KeyInfo;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.internal.ValueCodec;
import io.sharedstate.lock.OwnerToken;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static io.sharedstate.store.EntryLayout.CREATED_MICROS;
import static io.sharedstate.store.EntryLayout.ENTRY_ID;
import static io.sharedstate.store.EntryLayout.FLAGS;
import static io.sharedstate.store.EntryLayout.FLAG_ARRAY;
import static io.sharedstate.store.EntryLayout.FLAG_COALESCED;
import static io.sharedstate.store.EntryLayout.FLAG_JOURNALED;
import static io.sharedstate.store.EntryLayout.FLAG_REMOVED;
import static io.sharedstate.store.EntryLayout.HOLD_COUNT;
import static io.sharedstate.store.EntryLayout.LAST_EVENT;
import static io.sharedstate.store.EntryLayout.LAST_EVENT_RING;
import static io.sharedstate.store.EntryLayout.LAST_FLUSH_MILLIS;
import static io.sharedstate.store.EntryLayout.LAST_WRITER;
import static io.sharedstate.store.EntryLayout.LENGTH;
import static io.sharedstate.store.EntryLayout.LOCK;
import static io.sharedstate.store.EntryLayout.LOCKED_SINCE_MICROS;
import static io.sharedstate.store.EntryLayout.MAGIC;
import static io.sharedstate.store.EntryLayout.MAGIC_VALUE;
import static io.sharedstate.store.EntryLayout.PENDING;
import static io.sharedstate.store.EntryLayout.PENDING_DELTA;
import static io.sharedstate.store.EntryLayout.REMOVAL_STAMP;
import static io.sharedstate.store.EntryLayout.SEQUENCE;
import static io.sharedstate.store.EntryLayout.STATE;
import static io.sharedstate.store.EntryLayout.TYPECODE;

/** Reads (and, for creation, removal and repair, writes) the header of the entry at a base address. */
final class EntryView {
    private final long base;

    EntryView(long base) {
        this.base = base;
    }

    long base() {
        return base;
    }

    /** Returns whether the bytes look like an entry this library wrote, with a known type and a sane length. */
    boolean isWellFormed(int maxArrayLength) {
        if (UnsafeAccess.getIntVolatile(base + MAGIC) != MAGIC_VALUE || entryId() == 0) {
            return false;
        }
        try {
            TypeCode.of((char) UnsafeAccess.getByte(base + TYPECODE));
        } catch (IllegalArgumentException e) {
            return false;
        }
        int length = length();
        return isArray() ? length >= 1 && length <= maxArrayLength : length == 1;
    }

    long entryId() {
        return UnsafeAccess.getLongVolatile(base + ENTRY_ID);
    }

    TypeCode type() {
        return TypeCode.of((char) UnsafeAccess.getByte(base + TYPECODE));
    }

    int length() {
        return UnsafeAccess.getInt(base + LENGTH);
    }

    boolean isArray() {
        return (flags() & FLAG_ARRAY) != 0;
    }

    JournalMode journalMode() {
        int flags = flags();
        return (flags & FLAG_COALESCED) != 0 ? JournalMode.COALESCED
                : (flags & FLAG_JOURNALED) != 0 ? JournalMode.ON : JournalMode.OFF;
    }

    boolean isRemoved() {
        return UnsafeAccess.getLongVolatile(base + LOCK) == OwnerToken.REMOVED;
    }

    long lockWord() {
        return UnsafeAccess.getLongVolatile(base + LOCK);
    }

    long sequence() {
        return UnsafeAccess.getLongVolatile(base + SEQUENCE);
    }

    int state() {
        return UnsafeAccess.getByte(base + STATE) & 0xFF;
    }

    int holdCount() {
        return UnsafeAccess.getShort(base + HOLD_COUNT);
    }

    int lastWriterPid() {
        return UnsafeAccess.getInt(base + LAST_WRITER);
    }

    int pending() {
        return UnsafeAccess.getIntVolatile(base + PENDING);
    }

    long removalStamp() {
        return UnsafeAccess.getLongVolatile(base + REMOVAL_STAMP);
    }

    Instant createdAt() {
        return micros(UnsafeAccess.getLong(base + CREATED_MICROS));
    }

    /** Returns since when an explicit lock holds the key, or null. */
    Instant lockedSince() {
        long since = UnsafeAccess.getLong(base + LOCKED_SINCE_MICROS);
        return since == 0 ? null : micros(since);
    }

    String describeShape() {
        return isArray() ? "an array of " + length() + " " + type().describe() : type().describe();
    }

    /** Returns the element at {@code index} in canonical form, as it is now (the caller handles consistency). */
    long load(int index) {
        return ValueCodec.load(type(), EntryLayout.elementAddress(base, type(), isArray(), index));
    }

    KeyInfo info(String name, SharedStore store) {
        KeyInfo.Builder builder = KeyInfo.builder()
                .name(name)
                .typecode(type())
                .createdAt(createdAt())
                .lastWriterPid(lastWriterPid())
                .journal(journalMode());
        if (isArray()) {
            builder.array(length());
        }
        long word = lockWord();
        int ownerPid = OwnerToken.isOwned(word) ? store.registry().ownerPid(word) : 0;
        return builder.lock(ownerPid, ownerPid != 0 ? lockedSince() : null)
                .lockOwnerAlive(ownerPid != 0 && store.registry().isAlive(word)).build();
    }

    /**
     * Writes a new entry's header and values, leaving its lock held by {@code ownerToken}, its sequence odd and
     * its state "creating" until the creator has journaled the creation. The caller holds the index lock. A reused
     * tombstone keeps its journal links, so that the new key's first event follows the old key's last one.
     */
    void initialize(KeySpec spec, int pid, long nowMicros, long ownerToken, long lastEvent, int lastEventRing) {
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLong(base + SEQUENCE, sequence | 1);
        UnsafeAccess.storeFence();
        UnsafeAccess.putLong(base + ENTRY_ID, newEntryId());
        UnsafeAccess.putInt(base + MAGIC, MAGIC_VALUE);
        UnsafeAccess.putByte(base + TYPECODE, (byte) spec.type().code());
        UnsafeAccess.putByte(base + FLAGS, (byte) ((spec.array() ? FLAG_ARRAY : 0) | journalFlags(spec.journal())));
        UnsafeAccess.putInt(base + LENGTH, spec.length());
        UnsafeAccess.putLong(base + CREATED_MICROS, nowMicros);
        UnsafeAccess.putLong(base + LOCKED_SINCE_MICROS, 0);
        UnsafeAccess.putLong(base + LAST_FLUSH_MILLIS, nowMicros / 1000);
        UnsafeAccess.putLong(base + REMOVAL_STAMP, 0);
        UnsafeAccess.putLong(base + LAST_EVENT, lastEvent);
        UnsafeAccess.putInt(base + LAST_EVENT_RING, lastEventRing);
        UnsafeAccess.putInt(base + LAST_WRITER, pid);
        UnsafeAccess.putInt(base + PENDING, 0);
        UnsafeAccess.putLong(base + PENDING_DELTA, 0);
        UnsafeAccess.putShort(base + HOLD_COUNT, (short) 0);
        UnsafeAccess.putByte(base + STATE, (byte) EntryLayout.STATE_CREATING);
        long[] initial = spec.initial();
        for (int i = 0; i < spec.length(); i++) {
            ValueCodec.store(spec.type(), EntryLayout.elementAddress(base, spec.type(), spec.array(), i), initial[i]);
        }
        UnsafeAccess.putLong(base + EntryLayout.COMMITTED, spec.array() ? 0 : initial[0]);
        UnsafeAccess.putLongRelease(base + LOCK, ownerToken);
    }

    /**
     * Turns the entry into a tombstone; the caller holds the key's lock (as {@code ownerToken}) and the index lock.
     * The lock word becomes {@link OwnerToken#REMOVED} first, so that nothing can take it again.
     *
     * @return whether the entry was still held by {@code ownerToken}
     */
    boolean markRemoved(long ownerToken, long stamp) {
        if (!UnsafeAccess.compareAndSetLong(base + LOCK, ownerToken, OwnerToken.REMOVED)) {
            return false;
        }
        UnsafeAccess.putLong(base + REMOVAL_STAMP, stamp);
        UnsafeAccess.putByte(base + FLAGS, (byte) (flags() | FLAG_REMOVED));
        return true;
    }

    long lastEvent() {
        return UnsafeAccess.getLong(base + LAST_EVENT);
    }

    int lastEventRing() {
        return UnsafeAccess.getInt(base + LAST_EVENT_RING);
    }

    private int flags() {
        return UnsafeAccess.getByte(base + FLAGS);
    }

    static int journalFlags(JournalMode mode) {
        switch (mode) {
            case ON:
                return FLAG_JOURNALED;
            case COALESCED:
                return FLAG_JOURNALED | FLAG_COALESCED;
            default:
                return 0;
        }
    }

    private static long newEntryId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
