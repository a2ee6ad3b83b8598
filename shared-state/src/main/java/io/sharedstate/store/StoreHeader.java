package io.sharedstate.store;

import io.sharedstate.JournalMode;
import io.sharedstate.StoreFormatException;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.ProcessRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The store's header file: the settings the store was created with, store-wide counters, and the
 * {@link ProcessRegistry}. It is validated with plain reads before it is mapped, so a truncated or foreign
 * file is reported instead of crashing the JVM with SIGBUS, and it is created whole by an atomic rename.
 *
 * <pre>
 *    0  long  magic               "SHRDSTAT"
 *    8  int   format version      {@value #FORMAT_VERSION}
 *   12  int   header bytes        {@value #HEADER_BYTES}
 *   16  long  capacity            keys
 *   24  int   max array length    elements
 *   28  int   process slots
 *   32  long  created             epoch millis
 *   40  int   journal default     1 on, 0 off
 *   44  int   retention days
 *   48  long  retention bytes
 *   56  int   reserved
 *   60  int   CRC-32 of bytes 0..59
 *   64  long  registration counter                 (each counter on its own cache line)
 *  128  long  lock recoveries                      dead owners' locks taken over, store-wide
 *  192  long  segments stuck for writers           bit i: Chronicle segment i (mod 64) needs recover
 *  200  long  segments stuck for readers
 *  256  long  tombstones                           removed keys whose bytes are not yet reclaimed
 * 4096  ...   process slots, {@link ProcessRegistry#SLOT_BYTES} each
 * </pre>
 */
final class StoreHeader implements AutoCloseable {
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 4096;
    static final int DEFAULT_SLOTS = 256;

    private static final long MAGIC = ByteBuffer.wrap("SHRDSTAT".getBytes(StandardCharsets.US_ASCII)).getLong();
    private static final int FIXED_BYTES = 64;
    private static final int CRC_OFFSET = 60;

    private static final long REGISTRATION_COUNTER = 64;
    private static final long LOCK_RECOVERIES = 128;
    private static final long STUCK_FOR_WRITERS = 192;
    private static final long STUCK_FOR_READERS = 200;
    private static final long TOMBSTONES = 256;

    private final Path file;
    private final MappedByteBuffer buffer;
    private final long address;
    private final long capacity;
    private final int maxArrayLength;
    private final int retentionDays;
    private final long retentionBytes;
    private final ProcessRegistry registry;

    private StoreHeader(Path file, MappedByteBuffer buffer, ByteBuffer fixed) {
        this.file = file;
        this.buffer = buffer;
        this.address = UnsafeAccess.addressOf(buffer);
        this.capacity = fixed.getLong(16);
        this.maxArrayLength = fixed.getInt(24);
        int slotCount = fixed.getInt(28);
        this.retentionDays = fixed.getInt(44);
        this.retentionBytes = fixed.getLong(48);
        this.registry = new ProcessRegistry(address + HEADER_BYTES, slotCount, address + REGISTRATION_COUNTER);
    }

    /**
     * Writes a new header file for {@code config}, unless one appears first (another process won the race).
     *
     * @return whether this call created it
     */
    static boolean create(Path file, StoreConfig config) {
        ByteBuffer bytes = ByteBuffer.allocate(fileSize(DEFAULT_SLOTS)).order(ByteOrder.nativeOrder());
        bytes.putLong(0, MAGIC)
                .putInt(8, FORMAT_VERSION)
                .putInt(12, HEADER_BYTES)
                .putLong(16, config.capacity())
                .putInt(24, config.maxArrayLength())
                .putInt(28, DEFAULT_SLOTS)
                .putLong(32, System.currentTimeMillis())
                .putInt(40, config.journal() == JournalMode.ON ? 1 : 0)
                .putInt(44, (int) Math.max(1, config.journalRetention().toDays()))
                .putLong(48, config.journalRetentionBytes())
                .putInt(CRC_OFFSET, crc(bytes));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                StoreFiles.restrict(temp, config.filePermissions());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (Files.exists(file)) {
                Files.delete(temp);
                return false;
            }
            publish(temp, file);
            return true;
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(temp);
            return false;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates and maps an existing header file.
     *
     * @throws StoreFormatException if it is missing, of another format, of a newer version, truncated or corrupt
     */
    static StoreHeader open(Path file, boolean readOnly) {
        try (FileChannel channel = FileChannel.open(file, readOnly
                ? new StandardOpenOption[] {StandardOpenOption.READ}
                : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE})) {
            ByteBuffer fixed = readFixed(file, channel);
            int slots = fixed.getInt(28);
            long expectedSize = fileSize(slots);
            if (channel.size() != expectedSize) {
                throw new StoreFormatException(file + " is truncated or corrupt: it is " + channel.size()
                        + " bytes, its header says " + expectedSize + "; restore it from a backup");
            }
            MappedByteBuffer buffer = channel.map(
                    readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0, expectedSize);
            return new StoreHeader(file, buffer, fixed);
        } catch (NoSuchFileException e) {
            throw new StoreFormatException(file.getParent() + " is not a shared-state store: " + file.getFileName()
                    + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFixed(Path file, FileChannel channel) throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(FIXED_BYTES).order(ByteOrder.nativeOrder());
        while (fixed.hasRemaining() && channel.read(fixed) >= 0) {
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
        if (fixed.getInt(CRC_OFFSET) != crc(fixed) || fixed.getInt(12) != HEADER_BYTES) {
            throw new StoreFormatException(file + " is corrupt: its header checksum does not match");
        }
        int slots = fixed.getInt(28);
        if (slots < 1 || slots > 0xFFFE) {
            throw new StoreFormatException(file + " is corrupt: " + slots + " process slots");
        }
        return fixed;
    }

    ProcessRegistry registry() {
        return registry;
    }

    long capacity() {
        return capacity;
    }

    int maxArrayLength() {
        return maxArrayLength;
    }



    int processSlots() {
        return UnsafeAccess.getInt(address + 28);
    }

    java.time.Instant createdAt() {
        return java.time.Instant.ofEpochMilli(UnsafeAccess.getLong(address + 32));
    }

    boolean journalByDefault() {
        return UnsafeAccess.getInt(address + 40) != 0;
    }

    int retentionDays() {
        return retentionDays;
    }

    long retentionBytes() {
        return retentionBytes;
    }


    long lockRecoveries() {
        return UnsafeAccess.getLongVolatile(address + LOCK_RECOVERIES);
    }

    void countLockRecovery() {
        UnsafeAccess.getAndAddLong(address + LOCK_RECOVERIES, 1);
    }

    long segmentsStuckForWriters() {
        return UnsafeAccess.getLongVolatile(address + STUCK_FOR_WRITERS);
    }

    long segmentsStuckForReaders() {
        return UnsafeAccess.getLongVolatile(address + STUCK_FOR_READERS);
    }

    void markStuck(long forWriters, long forReaders) {
        orInto(address + STUCK_FOR_WRITERS, forWriters);
        orInto(address + STUCK_FOR_READERS, forReaders);
    }

    void clearStuck() {
        UnsafeAccess.putLongVolatile(address + STUCK_FOR_WRITERS, 0);
        UnsafeAccess.putLongVolatile(address + STUCK_FOR_READERS, 0);
    }

    long tombstones() {
        return UnsafeAccess.getLongVolatile(address + TOMBSTONES);
    }

    void addTombstones(long delta) {
        UnsafeAccess.getAndAddLong(address + TOMBSTONES, delta);
    }

    void force() {
        buffer.force();
    }

    Path file() {
        return file;
    }

    /** Keeps the mapping alive: the buffer is unmapped only when it is garbage. */
    @Override
    public void close() {
        // MappedByteBuffer has no unmap; dropping the reference with the store releases it.
    }

    static int fileSize(int slots) {
        return HEADER_BYTES + slots * ProcessRegistry.SLOT_BYTES;
    }

    private static void orInto(long address, long bits) {
        if (bits == 0) {
            return;
        }
        long current;
        do {
            current = UnsafeAccess.getLongVolatile(address);
        } while ((current | bits) != current && !UnsafeAccess.compareAndSetLong(address, current, current | bits));
    }

    private static int crc(ByteBuffer bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes.duplicate().position(0).limit(CRC_OFFSET));
        return (int) crc.getValue();
    }

    /** Publishes {@code from} as {@code to} only if {@code to} does not exist; a rename would replace it. */
    private static void publish(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
            Files.delete(from);
        } catch (UnsupportedOperationException e) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: a stale temp file is harmless
        }
    }
}
