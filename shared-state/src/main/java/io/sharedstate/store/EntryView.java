package io.sharedstate.store;

import io.sharedstate.internal.ValueCodec;
import io.sharedstate.JournalMode;
import io.sharedstate.KeyInfo;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.OwnerToken;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static io.sharedstate.store.EntryLayout.CREATED_MICROS;
import static io.sharedstate.store.EntryLayout.ENTRY_ID;
import static io.sharedstate.store.EntryLayout.FLAGS;
import static io.sharedstate.store.EntryLayout.FLAG_ARRAY;
import static io.sharedstate.store.EntryLayout.FLAG_JOURNALED;
import static io.sharedstate.store.EntryLayout.FLAG_REMOVED;
import static io.sharedstate.store.EntryLayout.HOLD_COUNT;
import static io.sharedstate.store.EntryLayout.LAST_WRITER;
import static io.sharedstate.store.EntryLayout.LENGTH;
import static io.sharedstate.store.EntryLayout.LOCK;
import static io.sharedstate.store.EntryLayout.LOCKED_SINCE_MICROS;
import static io.sharedstate.store.EntryLayout.MAGIC;
import static io.sharedstate.store.EntryLayout.MAGIC_VALUE;
import static io.sharedstate.store.EntryLayout.PAYLOAD;
import static io.sharedstate.store.EntryLayout.SEQUENCE;
import static io.sharedstate.store.EntryLayout.TYPECODE;

/** Reads (and, for creation and removal, writes) the header of the entry at a base address. */
final class EntryView {
    private final long base;

    EntryView(long base) {
        this.base = base;
    }

    long base() {
        return base;
    }

    /** Returns whether the bytes look like an entry this library wrote, with a known type. */
    boolean isWellFormed() {
        if (UnsafeAccess.getIntVolatile(base + MAGIC) != MAGIC_VALUE) {
            return false;
        }
        char code = (char) UnsafeAccess.getByte(base + TYPECODE);
        try {
            TypeCode.of(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return length() >= 1 && entryId() != 0;
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

    boolean isJournaled() {
        return (flags() & FLAG_JOURNALED) != 0;
    }

    boolean isRemoved() {
        return (flags() & FLAG_REMOVED) != 0 || UnsafeAccess.getLongVolatile(base + LOCK) == OwnerToken.REMOVED;
    }

    long lockWord() {
        return UnsafeAccess.getLongVolatile(base + LOCK);
    }

    long sequence() {
        return UnsafeAccess.getLongVolatile(base + SEQUENCE);
    }

    int lastWriterPid() {
        return UnsafeAccess.getInt(base + LAST_WRITER);
    }

    Instant createdAt() {
        return micros(UnsafeAccess.getLong(base + CREATED_MICROS));
    }

    /** Returns since when an explicit lock holds the key, or null. */
    Instant lockedSince() {
        long since = UnsafeAccess.getLong(base + LOCKED_SINCE_MICROS);
        return since == 0 ? null : micros(since);
    }

    /** The registration number recorded when the key was removed. */
    long removedAtRegistration() {
        return UnsafeAccess.getLong(base + PAYLOAD);
    }

    String describeShape() {
        return isArray() ? "an array of " + length() + " " + type().describe() : type().describe();
    }

    KeyInfo info(String name, SharedStore store) {
        KeyInfo.Builder builder = KeyInfo.builder()
                .name(name)
                .typecode(type())
                .createdAt(createdAt())
                .lastWriterPid(lastWriterPid())
                .journal(isJournaled() ? JournalMode.ON : JournalMode.OFF);
        if (isArray()) {
            builder.array(length());
        }
        long word = lockWord();
        int ownerPid = OwnerToken.isOwned(word) ? store.registry().ownerPid(word) : 0;
        return builder.lock(ownerPid, ownerPid != 0 ? lockedSince() : null).build();
    }

    /**
     * Writes a new entry's header and payload, leaving its lock held by {@code ownerToken} and its sequence odd
     * until the creator has journaled the creation. The caller holds the Chronicle write lock of the key's
     * segment; for a reused tombstone the lock word stays {@link OwnerToken#REMOVED} until the release store at
     * the end, so stale handles to the old key keep failing and then see a new entry id.
     */
    void initialize(KeySpec spec, int pid, long nowMicros, long ownerToken) {
        long sequence = UnsafeAccess.getLong(base + SEQUENCE);
        UnsafeAccess.putLong(base + ENTRY_ID, newEntryId());
        UnsafeAccess.putInt(base + MAGIC, MAGIC_VALUE);
        UnsafeAccess.putByte(base + TYPECODE, (byte) spec.type().code());
        UnsafeAccess.putByte(base + FLAGS, (byte) ((spec.array() ? FLAG_ARRAY : 0)
                | (spec.journaled() ? FLAG_JOURNALED : 0)));
        UnsafeAccess.putShort(base + HOLD_COUNT, (short) 0);
        UnsafeAccess.putInt(base + LENGTH, spec.length());
        UnsafeAccess.putInt(base + LAST_WRITER, pid);
        UnsafeAccess.putLong(base + CREATED_MICROS, nowMicros);
        UnsafeAccess.putLong(base + LOCKED_SINCE_MICROS, 0);
        long[] initial = spec.initial();
        for (int i = 0; i < spec.length(); i++) {
            ValueCodec.store(spec.type(), EntryLayout.elementAddress(base, spec.type(), i), initial[i]);
        }
        UnsafeAccess.putLongRelease(base + SEQUENCE, sequence | 1);
        UnsafeAccess.putLongRelease(base + LOCK, ownerToken);
    }

    /**
     * Turns the entry into a tombstone; the caller holds the key's lock. The sequence stays odd and the lock
     * word becomes {@link OwnerToken#REMOVED}, so readers and writers of old handles fail from now on.
     */
    void markRemoved(long registration) {
        UnsafeAccess.putByte(base + FLAGS, (byte) (flags() | FLAG_REMOVED));
        UnsafeAccess.putLong(base + PAYLOAD, registration);
        UnsafeAccess.putLongRelease(base + LOCK, OwnerToken.REMOVED);
    }

    /**
     * Frees a lock left by a dead owner, for recover: no other process has the store open.
     *
     * @return whether the lock word was held
     */
    boolean resetLock() {
        long word = lockWord();
        if (!OwnerToken.isOwned(word) && (sequence() & 1) == 0) {
            return false;
        }
        if (word != OwnerToken.REMOVED) {
            UnsafeAccess.putShort(base + HOLD_COUNT, (short) 0);
            UnsafeAccess.putLong(base + LOCKED_SINCE_MICROS, 0);
            UnsafeAccess.putLong(base + SEQUENCE, (sequence() | 1) + 1);
            UnsafeAccess.putLongVolatile(base + LOCK, OwnerToken.FREE);
        }
        return OwnerToken.isOwned(word);
    }

    private int flags() {
        return UnsafeAccess.getByte(base + FLAGS);
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
