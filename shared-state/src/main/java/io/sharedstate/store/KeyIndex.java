package io.sharedstate.store;

import io.sharedstate.StoreFormatException;
import io.sharedstate.StoreFullException;
import io.sharedstate.StoreRecoveryRequiredException;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.lock.ProcessRecord;
import io.sharedstate.lock.ProcessRegistry;
import io.sharedstate.lock.Registration;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.locks.InterProcessDeadLockException;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Chronicle Map from key names to their entries, and the only place that takes Chronicle's segment locks.
 *
 * <p>Those locks record no owner: a process killed while holding one leaves the segment locked for every
 * process. So they are taken only here, only to find, create or remove a key or to iterate (never around
 * user code or per-operation work), and every call is bracketed in the caller's {@link ProcessRegistry} slot.
 * Before a call, a process looks for a dead process that was inside such a call; if it finds one, it probes
 * each segment's locks with a timeout, records the segments left stuck in the header, and from then on fails
 * fast with {@link StoreRecoveryRequiredException} for those segments instead of hanging. Chronicle's own
 * lock timeout ({@link ChronicleBootstrap#SEGMENT_LOCK_TIMEOUT_SECONDS}) is the backstop for a death that
 * happens during a call.
 */
final class KeyIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyIndex.class);
    private static final String MAP_NAME = "shared-state";
    private static final long PROBE_TIMEOUT_MILLIS = 1_000;
    private static final int HEADER_PROBE_BYTES = 128;
    private static final int HEADER_LENGTH_OFFSET = 8;
    private static final int HEADER_LENGTH_MASK = 0x3FFF_FFFF;
    private static final int HEADER_TEXT_OFFSET = 12;
    private static final String HEADER_TEXT = "!net.openhft.chronicle.map.VanillaChronicleMap {";

    /** A test hook run while a write lock is held, to simulate a process dying there; null in production. */
    static volatile Runnable insideWriteLockForTests;

    private final Path file;
    private final Path directory;
    private final ChronicleMap<CharSequence, byte[]> map;
    private final StoreHeader header;
    private final ProcessRegistry registry;
    private volatile Registration registration;
    private final String[] probeKeys;

    private KeyIndex(Path file, ChronicleMap<CharSequence, byte[]> map, StoreHeader header,
                     Registration registration) {
        this.file = file;
        this.directory = file.getParent();
        this.map = map;
        this.header = header;
        this.registry = header.registry();
        this.registration = registration;
        this.probeKeys = probeKeys(map);
    }

    /**
     * Opens the map file, creating it if it does not exist and {@code create} is set.
     *
     * @param registration the caller's registration, or null for a read-only caller
     */
    static KeyIndex open(Path file, StoreHeader header, Registration registration, boolean create) {
        ChronicleBootstrap.configure();
        if (!create && !Files.exists(file)) {
            throw new StoreFormatException(file.getParent() + " is not a complete shared-state store: "
                    + file.getFileName() + " is missing");
        }
        if (Files.exists(file)) {
            validateFile(file);
        }
        try {
            ChronicleMap<CharSequence, byte[]> map = builder(header).createPersistedTo(file.toFile());
            return new KeyIndex(file, map, header, registration);
        } catch (IOException | RuntimeException e) {
            throw new StoreFormatException(file + " cannot be opened as a shared-state map: it is corrupt, "
                    + "truncated or foreign (" + rootMessage(e) + "); restore it from a backup", e);
        }
    }

    /**
     * Rebuilds the map's segment headers, releasing every segment lock. Chronicle requires that no other process
     * has the file open; the caller ensures that.
     */
    static void recover(Path file, StoreHeader header) {
        ChronicleBootstrap.configure();
        try (ChronicleMap<CharSequence, byte[]> map = builder(header).recoverPersistedTo(file.toFile(), true)) {
            LOG.info("recovered {}: {} entries", file, map.longSize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the start of an existing map file with plain reads: Chronicle waits for ever on a header it takes for
     * one still being written, and may crash the JVM on a foreign file once mapped.
     */
    static void validateFile(Path file) {
        ByteBuffer start = ByteBuffer.allocate(HEADER_PROBE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (start.hasRemaining() && channel.read(start) >= 0) {
                // read the probe, or as much as the file has
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = new String(start.array(), HEADER_TEXT_OFFSET, start.position() > HEADER_TEXT_OFFSET
                ? start.position() - HEADER_TEXT_OFFSET : 0, StandardCharsets.ISO_8859_1);
        int headerLength = start.getInt(HEADER_LENGTH_OFFSET) & HEADER_LENGTH_MASK;
        if (!text.startsWith(HEADER_TEXT) || headerLength < HEADER_TEXT.length()) {
            throw new StoreFormatException(file + " is corrupt or not a shared-state map: its Chronicle Map header "
                    + "is missing or damaged; restore it from a backup");
        }
    }

    private static ChronicleMapBuilder<CharSequence, byte[]> builder(StoreHeader header) {
        MapSizing sizing = MapSizing.of(header.capacity(), header.maxArrayLength());
        return ChronicleMap.of(CharSequence.class, byte[].class)
                .name(MAP_NAME)
                .averageKeySize(MapSizing.AVERAGE_KEY_BYTES)
                .averageValueSize(MapSizing.scalarValueSize())
                .actualSegments(sizing.segments())
                .entriesPerSegment(sizing.entriesPerSegment())
                .actualChunkSize(sizing.chunkSize())
                .actualChunksPerSegmentTier(sizing.chunksPerTier())
                .maxBloatFactor(sizing.maxBloatFactor())
                // Values are written in place through raw addresses, which Chronicle's checksums would not see.
                .checksumEntries(false)
                // Chronicle's exit hook unmaps the file while other threads may still use handles into it; the
                // OS unmaps it at exit anyway, and the shared mapping loses nothing.
                .skipCloseOnExitHook(true);
    }

    /** What to do with a key while its segment is locked. */
    @FunctionalInterface
    interface KeyAction<T> {
        T apply(KeyCursor cursor);
    }

    /** What to do with each entry while iterating. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(String name, long base);
    }

    /** Runs {@code action} on {@code name} under the segment's read lock. */
    <T> T read(String name, KeyAction<T> action) {
        return withKey(name, false, action);
    }

    /** Runs {@code action} on {@code name} under the segment's write lock. */
    <T> T write(String name, KeyAction<T> action) {
        return withKey(name, true, action);
    }

    /**
     * Visits every entry whose name starts with {@code prefix}, segment by segment. Segments stuck by a dead
     * process are skipped; their count is returned.
     */
    int forEach(String prefix, EntryVisitor visitor) {
        int skipped = 0;
        for (int segment = 0; segment < map.segments(); segment++) {
            if (!forEachInSegment(segment, prefix, visitor)) {
                skipped++;
            }
        }
        return skipped;
    }

    /**
     * Visits the entries of one segment whose names start with {@code prefix}, for tools that must not hold a
     * segment lock while they do slow work such as printing. Returns false, visiting nothing, if the segment is
     * stuck.
     */
    boolean forEachInSegment(int segment, String prefix, EntryVisitor visitor) {
        long stuck = enterChronicle();
        try {
            if ((stuck & bit(segment)) != 0) {
                return false;
            }
            visitSegment(segment, prefix, visitor);
            return true;
        } catch (InterProcessDeadLockException e) {
            throw stuckDuringCall(e);
        } finally {
            exitChronicle();
        }
    }

    private void visitSegment(int segment, String prefix, EntryVisitor visitor) {
        try (MapSegmentContext<CharSequence, byte[], ?> context = map.segmentContext(segment)) {
            context.forEachSegmentEntry(entry -> {
                String name = entry.key().get().toString();
                if (name.startsWith(prefix)) {
                    visitor.visit(name, baseOf(entry.value()));
                }
            });
        }
    }

    /** Returns the segment a key belongs to; takes no lock. */
    int segmentOf(String name) {
        try (ExternalMapQueryContext<CharSequence, byte[], ?> context = map.queryContext(name)) {
            return context.segmentIndex();
        }
    }

    /** Sets the registration of a read-only index that became writable. */
    void setRegistration(Registration registration) {
        this.registration = registration;
    }

    /** Forces the map's pages to disk. */
    void sync() {
        ((net.openhft.chronicle.hash.impl.VanillaChronicleHash<?, ?, ?, ?>) map).msync();
    }

    /** Returns the bytes the map has for entries in its first tiers (extra tiers add more, up to the bloat). */
    long dataBytes() {
        MapSizing sizing = MapSizing.of(header.capacity(), header.maxArrayLength());
        return (long) sizing.segments() * sizing.chunksPerTier() * sizing.chunkSize();
    }

    long size() {
        return map.longSize();
    }

    int segments() {
        return map.segments();
    }

    int remainingAutoResizes() {
        return map.remainingAutoResizes();
    }

    short percentageFreeSpace() {
        return map.percentageFreeSpace();
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        map.close();
    }

    private <T> T withKey(String name, boolean write, KeyAction<T> action) {
        long stuck = enterChronicle();
        try (ExternalMapQueryContext<CharSequence, byte[], ?> context = map.queryContext(name)) {
            int segment = context.segmentIndex();
            long stuckForReaders = header.segmentsStuckForReaders();
            if ((stuckForReaders & bit(segment)) != 0 || (write && (stuck & bit(segment)) != 0)) {
                throw stuckSegment(segment);
            }
            if (write) {
                context.writeLock().lock();
                Runnable hook = insideWriteLockForTests;
                if (hook != null) {
                    hook.run();
                }
            } else {
                context.readLock().lock();
            }
            return action.apply(new KeyCursor(context));
        } catch (InterProcessDeadLockException e) {
            throw stuckDuringCall(e);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("extra segment tier")) {
                throw new StoreFullException("store " + directory + " has no room left for key \"" + name
                        + "\": its map is full (" + map.longSize() + " keys); remove keys or arrays, or create "
                        + "a store with a larger capacity or maxArrayLength", e);
            }
            throw e;
        } finally {
            exitChronicle();
        }
    }

    /** Brackets a Chronicle call in the caller's slot; returns the segments stuck for writers. */
    private long enterChronicle() {
        Registration self = registration;
        if (self != null) {
            registry.enterChronicle(self);
            detectDeadInsiders(self);
        }
        return header.segmentsStuckForWriters();
    }

    private void exitChronicle() {
        Registration self = registration;
        if (self != null) {
            registry.exitChronicle(self);
        }
    }

    private void detectDeadInsiders(Registration self) {
        for (ProcessRecord dead : registry.deadInsideChronicle(self)) {
            LOG.warn("process {} died inside a Chronicle Map call on {}; probing its segment locks", dead.pid(),
                    directory);
            probeSegments();
            registry.clearDead(dead);
        }
    }

    private void probeSegments() {
        long stuckForWriters = 0;
        long stuckForReaders = 0;
        for (int segment = 0; segment < probeKeys.length; segment++) {
            if (!canLock(probeKeys[segment], true)) {
                stuckForWriters |= bit(segment);
                if (!canLock(probeKeys[segment], false)) {
                    stuckForReaders |= bit(segment);
                }
            }
        }
        if (stuckForWriters != 0) {
            LOG.error("Chronicle Map segments of {} are locked by a dead process (for writers: {}, for readers: {});"
                    + " stop every process using the store and run: shared-state recover {}", directory,
                    Long.toBinaryString(stuckForWriters), Long.toBinaryString(stuckForReaders), directory);
        }
        header.markStuck(stuckForWriters, stuckForReaders);
    }

    private boolean canLock(String probeKey, boolean write) {
        try (ExternalMapQueryContext<CharSequence, byte[], ?> context = map.queryContext(probeKey)) {
            var lock = write ? context.writeLock() : context.readLock();
            boolean locked = lock.tryLock(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (locked) {
                lock.unlock();
            }
            return locked;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private StoreRecoveryRequiredException stuckSegment(int segment) {
        return new StoreRecoveryRequiredException("store " + directory + ": Chronicle Map segment " + segment
                + " is locked by a process that died inside a Chronicle call; values attached through handles "
                + "keep working, but keys of this segment cannot be created, removed or looked up. Stop every "
                + "process using the store, then run: shared-state recover " + directory);
    }

    private StoreRecoveryRequiredException stuckDuringCall(InterProcessDeadLockException e) {
        return new StoreRecoveryRequiredException("store " + directory + ": a Chronicle Map segment lock was "
                + "held for over " + ChronicleBootstrap.SEGMENT_LOCK_TIMEOUT_SECONDS + " s, most likely by a "
                + "process that died holding it. Stop every process using the store, then run: shared-state "
                + "recover " + directory, e);
    }

    private static long bit(int segment) {
        return 1L << (segment & 63);
    }

    private static String[] probeKeys(ChronicleMap<CharSequence, byte[]> map) {
        String[] keys = new String[map.segments()];
        int found = 0;
        for (int i = 0; found < keys.length; i++) {
            // Control characters make these names impossible for users to create.
            String key = "\u0001probe\u0001" + i;
            try (ExternalMapQueryContext<CharSequence, byte[], ?> context = map.queryContext(key)) {
                int segment = context.segmentIndex();
                if (keys[segment] == null) {
                    keys[segment] = key;
                    found++;
                }
            }
        }
        return keys;
    }

    static long baseOf(Data<byte[]> value) {
        BytesStore<?, ?> bytes = (BytesStore<?, ?>) value.bytes();
        return EntryLayout.base(bytes.addressForRead(value.offset()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage().split("\n")[0] : root.getClass().getSimpleName();
    }

    /** A key's place in the map, valid only inside a {@link KeyAction}. */
    static final class KeyCursor {
        private final ExternalMapQueryContext<CharSequence, byte[], ?> context;

        private KeyCursor(ExternalMapQueryContext<CharSequence, byte[], ?> context) {
            this.context = context;
        }

        /** Returns the base of the key's entry, or 0 if the key is absent. */
        long base() {
            MapEntry<CharSequence, byte[]> entry = context.entry();
            return entry == null ? 0 : baseOf(entry.value());
        }

        /** Returns the size of the key's value in bytes; the key must be present. */
        long valueSize() {
            return context.entry().value().size();
        }

        /** Inserts a zeroed value of {@code valueSize} bytes for the absent key; returns its base. */
        long insert(int valueSize) {
            context.insert(context.absentEntry(), context.wrapValueAsData(new byte[valueSize]));
            return base();
        }

        /** Removes the present key's entry, freeing its bytes. */
        void remove() {
            context.remove(context.entry());
        }

        /** Returns the number of keys in the map. */
        long mapSize() {
            return context.map().longSize();
        }
    }
}
