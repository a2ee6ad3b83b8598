package io.sharedstate.store;

import io.sharedstate.JournalMode;
import io.sharedstate.StoreFormatException;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.ProcessLocks;
import io.sharedstate.lock.ProcessRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The store's header file, {@code shared-state.meta}: the settings the store was created with, store-wide counters,
 * the index lock that guards every Chronicle Map call, and the {@link ProcessRegistry}. It is written whole before
 * the store is published (see {@link StoreCreation}), validated with plain reads before it is mapped, and mapped
 * through the JVM's one channel to it, on which the {@link ProcessLocks} are taken.
 *
 * <pre>
 *    0  long  magic               "SHRDSTAT"
 *    8  int   format version      {@value #FORMAT_VERSION}
 *   12  int   header bytes        {@value #HEADER_BYTES}
 *   16  long  capacity            keys
 *   24  int   max array length    elements
 *   28  int   process slots
 *   32  long  created             epoch millis
 *   40  int   journal default     0 off, 1 on, 2 coalesced
 *   44  int   coalesce interval   millis
 *   48  long  retention bytes     the journal's cap on disk
 *   56  long  retention seconds   the journal's age limit
 *   64  long  data bytes          bytes the map reserves for values
 *   72  int   file mode           POSIX permission bits of the store's files
 *   76  ...   reserved, zero
 *  124  int   CRC-32 of bytes 0..123
 *  128  long  registration counter                  (each hot counter on its own cache line)
 *  192  long  lock recoveries, store-wide
 *  200  long  keys                                  live keys
 *  208  long  tombstones                            removed keys whose bytes are not yet reclaimed
 *  216  long  removals                              keys removed so far
 *  256  long  coarse clock                          epoch millis, written by maintenance threads
 *  320  long  index lock word                       an {@link io.sharedstate.lock.OwnerToken}: guards Chronicle Map
 *  328  int   index intent                          what the holder is doing (see {@link IndexLock})
 *  332  int   intent name length
 *  336  long  intent entry id
 *  344  long  index recoveries                      Chronicle Map repairs after a holder died
 *  352  byte[256] intent name
 *  640  long  journal events lost                   gaps recorded
 *  648  long  journal events coalesced
 *  656  long  journal events drained
 *  664  int   drainer pid
 *  672  long  journal clock                         the drainer's segment clock, epoch millis
 *  704  long  recover in progress                   the pid of a recover that has not finished, else 0
 * 4096  ...   process slots, {@link ProcessRegistry#SLOT_BYTES} each
 * </pre>
 */
final class StoreHeader {
    static final int FORMAT_VERSION = 2;
    static final int HEADER_BYTES = 4096;
    static final int DEFAULT_SLOTS = 256;

    static final long MAGIC = ByteBuffer.wrap("SHRDSTAT".getBytes(StandardCharsets.US_ASCII)).getLong();
    private static final int FIXED_BYTES = 128;
    private static final int CRC_OFFSET = 124;

    private static final long REGISTRATION_COUNTER = 128;
    private static final long LOCK_RECOVERIES = 192;
    private static final long KEYS = 200;
    private static final long TOMBSTONES = 208;
    private static final long REMOVALS = 216;
    private static final long COARSE_CLOCK = 256;
    static final long INDEX_LOCK = 320;
    static final long INDEX_INTENT = 328;
    static final long INDEX_INTENT_NAME_LENGTH = 332;
    static final long INDEX_INTENT_ENTRY_ID = 336;
    private static final long INDEX_RECOVERIES = 344;
    static final long INDEX_INTENT_NAME = 352;
    static final int INDEX_INTENT_NAME_BYTES = 256;
    private static final long JOURNAL_LOST = 640;
    private static final long JOURNAL_COALESCED = 648;
    private static final long JOURNAL_DRAINED = 656;
    private static final long DRAINER_PID = 664;
    private static final long JOURNAL_CLOCK = 672;
    private static final long RECOVER_IN_PROGRESS = 704;

    private final Path file;
    private final MappedByteBuffer buffer;
    private final long address;
    private final ByteBuffer fixed;
    private final ProcessRegistry registry;

    private StoreHeader(Path file, MappedByteBuffer buffer, ByteBuffer fixed, ProcessLocks locks) {
        this.file = file;
        this.buffer = buffer;
        this.address = UnsafeAccess.addressOf(buffer);
        this.fixed = fixed;
        this.registry = new ProcessRegistry(address + HEADER_BYTES, fixed.getInt(28), address + REGISTRATION_COUNTER,
                locks);
    }

    /** Returns the whole content of a new header file for {@code config}. */
    static ByteBuffer contents(StoreConfig config, long dataBytes) {
        ByteBuffer bytes = ByteBuffer.allocate(fileSize(DEFAULT_SLOTS)).order(ByteOrder.nativeOrder());
        bytes.putLong(0, MAGIC)
                .putInt(8, FORMAT_VERSION)
                .putInt(12, HEADER_BYTES)
                .putLong(16, config.capacity())
                .putInt(24, config.maxArrayLength())
                .putInt(28, DEFAULT_SLOTS)
                .putLong(32, System.currentTimeMillis())
                .putInt(40, config.journal().ordinal() == JournalMode.OFF.ordinal() ? 0
                        : config.journal() == JournalMode.COALESCED ? 2 : 1)
                .putInt(44, Math.toIntExact(config.journalCoalesceInterval().toMillis()))
                .putLong(48, config.journalRetentionBytes())
                .putLong(56, config.journalRetention().toSeconds())
                .putLong(64, dataBytes)
                .putInt(72, mode(config.filePermissions()))
                .putInt(CRC_OFFSET, crc(bytes));
        return bytes;
    }

    /**
     * Validates and maps the header file open on {@code locks}' channel.
     *
     * @throws StoreFormatException if it is of another format or version, truncated or corrupt
     */
    static StoreHeader open(Path file, ProcessLocks locks, boolean writable) {
        FileChannel channel = locks.channel();
        try {
            ByteBuffer fixed = readFixed(file, channel);
            long expectedSize = fileSize(fixed.getInt(28));
            if (channel.size() != expectedSize) {
                throw new StoreFormatException(file + " is truncated or corrupt: it is " + channel.size()
                        + " bytes, its header says " + expectedSize + "; restore the store from a backup");
            }
            MappedByteBuffer buffer = channel.map(writable ? FileChannel.MapMode.READ_WRITE
                    : FileChannel.MapMode.READ_ONLY, 0, expectedSize);
            return new StoreHeader(file, buffer, fixed, locks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFixed(Path file, FileChannel channel) throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(FIXED_BYTES).order(ByteOrder.nativeOrder());
        while (fixed.hasRemaining() && channel.read(fixed, fixed.position()) > 0) {
            // read until full or end of file
        }
        if (fixed.hasRemaining() || fixed.getLong(0) != MAGIC) {
            throw new StoreFormatException(file + " is not a shared-state header file (wrong magic or too short)");
        }
        int version = fixed.getInt(8);
        if (version > FORMAT_VERSION) {
            throw new StoreFormatException(file + " has format version " + version + ", written by a newer "
                    + "shared-state; this version reads format " + FORMAT_VERSION + ": upgrade shared-state");
        }
        if (version != FORMAT_VERSION) {
            throw new StoreFormatException(file + " has format version " + version + "; this version of "
                    + "shared-state reads format " + FORMAT_VERSION + " only: "
                    + (version >= 1 ? "the store was made by an older shared-state; dump it with that version and "
                    + "load the values into a new store" : "the header is corrupt; restore the store from a backup"));
        }
        if (fixed.getInt(CRC_OFFSET) != crc(fixed) || fixed.getInt(12) != HEADER_BYTES) {
            throw new StoreFormatException(file + " is corrupt: its header checksum does not match; restore the "
                    + "store from a backup");
        }
        int slots = fixed.getInt(28);
        if (slots < 1 || slots > io.sharedstate.lock.OwnerToken.MAX_SLOTS || fixed.getLong(16) < 1
                || fixed.getInt(24) < 1 || fixed.getLong(64) < 0 || fixed.getLong(48) < 1 || fixed.getLong(56) < 1) {
            throw new StoreFormatException(file + " is corrupt: its settings are out of range; restore the store "
                    + "from a backup");
        }
        return fixed;
    }

    ProcessRegistry registry() {
        return registry;
    }

    long address() {
        return address;
    }

    long capacity() {
        return fixed.getLong(16);
    }

    int maxArrayLength() {
        return fixed.getInt(24);
    }

    int processSlots() {
        return fixed.getInt(28);
    }

    Instant createdAt() {
        return Instant.ofEpochMilli(fixed.getLong(32));
    }

    JournalMode journalDefault() {
        switch (fixed.getInt(40)) {
            case 0:
                return JournalMode.OFF;
            case 2:
                return JournalMode.COALESCED;
            default:
                return JournalMode.ON;
        }
    }

    Duration coalesceInterval() {
        return Duration.ofMillis(fixed.getInt(44));
    }

    long retentionBytes() {
        return fixed.getLong(48);
    }

    Duration retention() {
        return Duration.ofSeconds(fixed.getLong(56));
    }

    long dataBytes() {
        return fixed.getLong(64);
    }

    Set<PosixFilePermission> filePermissions() {
        return permissions(fixed.getInt(72));
    }

    long lockRecoveries() {
        return UnsafeAccess.getLongVolatile(address + LOCK_RECOVERIES);
    }

    void countLockRecovery() {
        UnsafeAccess.getAndAddLong(address + LOCK_RECOVERIES, 1);
    }

    long keys() {
        return UnsafeAccess.getLongVolatile(address + KEYS);
    }

    void addKeys(long delta) {
        UnsafeAccess.getAndAddLong(address + KEYS, delta);
    }

    long tombstones() {
        return UnsafeAccess.getLongVolatile(address + TOMBSTONES);
    }

    void addTombstones(long delta) {
        UnsafeAccess.getAndAddLong(address + TOMBSTONES, delta);
    }

    /** Returns how many keys were removed so far. */
    long removals() {
        return UnsafeAccess.getLongVolatile(address + REMOVALS);
    }

    /** Counts a removal and returns its number, the removal stamp of the tombstone. */
    long nextRemoval() {
        return UnsafeAccess.getAndAddLong(address + REMOVALS, 1) + 1;
    }

    /** Sets the counters from a full count, for recover. */
    void resetCounts(long keys, long tombstones) {
        UnsafeAccess.putLongVolatile(address + KEYS, keys);
        UnsafeAccess.putLongVolatile(address + TOMBSTONES, tombstones);
    }

    long coarseClockMillis() {
        return UnsafeAccess.getLongVolatile(address + COARSE_CLOCK);
    }

    void tickCoarseClock(long nowMillis) {
        UnsafeAccess.putLongRelease(address + COARSE_CLOCK, nowMillis);
    }

    long indexRecoveries() {
        return UnsafeAccess.getLongVolatile(address + INDEX_RECOVERIES);
    }

    void countIndexRecovery() {
        UnsafeAccess.getAndAddLong(address + INDEX_RECOVERIES, 1);
    }

    long journalLost() {
        return UnsafeAccess.getLongVolatile(address + JOURNAL_LOST);
    }

    void addJournalLost(long events) {
        UnsafeAccess.getAndAddLong(address + JOURNAL_LOST, events);
    }

    long journalCoalesced() {
        return UnsafeAccess.getLongVolatile(address + JOURNAL_COALESCED);
    }

    void addJournalCoalesced(long events) {
        UnsafeAccess.getAndAddLong(address + JOURNAL_COALESCED, events);
    }

    long journalDrained() {
        return UnsafeAccess.getLongVolatile(address + JOURNAL_DRAINED);
    }

    void addJournalDrained(long events) {
        UnsafeAccess.getAndAddLong(address + JOURNAL_DRAINED, events);
    }

    int drainerPid() {
        return UnsafeAccess.getIntVolatile(address + DRAINER_PID);
    }

    void setDrainerPid(int pid) {
        UnsafeAccess.putIntVolatile(address + DRAINER_PID, pid);
    }

    long journalClock() {
        return UnsafeAccess.getLongVolatile(address + JOURNAL_CLOCK);
    }

    void setJournalClock(long millis) {
        UnsafeAccess.putLongVolatile(address + JOURNAL_CLOCK, millis);
    }

    long recoverInProgress() {
        return UnsafeAccess.getLongVolatile(address + RECOVER_IN_PROGRESS);
    }

    void setRecoverInProgress(long pid) {
        UnsafeAccess.putLongVolatile(address + RECOVER_IN_PROGRESS, pid);
    }

    /** Forces the header's pages to disk. */
    void force() {
        if (!buffer.isReadOnly()) {
            buffer.force();
        }
    }

    Path file() {
        return file;
    }

    static int fileSize(int slots) {
        return HEADER_BYTES + slots * ProcessRegistry.SLOT_BYTES;
    }

    private static int crc(ByteBuffer bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes.duplicate().position(0).limit(CRC_OFFSET));
        return (int) crc.getValue();
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}
