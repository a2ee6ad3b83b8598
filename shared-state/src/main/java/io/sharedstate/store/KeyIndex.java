package io.sharedstate.store;

import io.sharedstate.StoreFormatException;
import io.sharedstate.StoreFullException;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.internal.IoFailures;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Chronicle Map from key names to their entries, and the only place that calls Chronicle Map. Every call runs
 * under the store's {@link IndexLock}, never around user code or per-operation work: finding a key, creating one,
 * marking one removed, reclaiming a tombstone, visiting a segment.
 */
final class KeyIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyIndex.class);
    private static final String MAP_NAME = "shared-state";
    private static final int HEADER_PROBE_BYTES = 128;
    private static final int HEADER_LENGTH_OFFSET = 8;
    private static final String CHRONICLE_LOCKING = "chronicle.map.disable.locking";

    static {
        // Chronicle Map holds a shared lock on its file for as long as a map object lives, and recover waits for an
        // exclusive one: a store closed but not yet garbage (its mapping is released by a cleaner) would hold recover
        // up without end. The store's own OPEN lock on the header already keeps recover and open processes apart, and
        // is released at close; Chronicle keeps its exclusive lock for recover.
        if (System.getProperty(CHRONICLE_LOCKING) == null) {
            System.setProperty(CHRONICLE_LOCKING, "shared");
        }
    }
    private static final int HEADER_LENGTH_MASK = 0x3FFF_FFFF;
    private static final int HEADER_TEXT_OFFSET = 12;
    private static final String HEADER_TEXT = "!net.openhft.chronicle.map.VanillaChronicleMap {";

    private final Path file;
    private final ChronicleMap<CharSequence, byte[]> map;
    private final MapSizing sizing;

    private KeyIndex(Path file, ChronicleMap<CharSequence, byte[]> map, MapSizing sizing) {
        this.file = file;
        this.map = map;
        this.sizing = sizing;
    }

    /** Opens the map file, creating it if it does not exist and {@code create} is set. */
    static KeyIndex open(Path file, MapSizing sizing, boolean create) {
        ChronicleBootstrap.configure();
        ChronicleLockWarning.install();
        if (!create && !Files.exists(file)) {
            throw new StoreFormatException(file.getParent() + " is not a complete shared-state store: "
                    + file.getFileName() + " is missing; restore the store from a backup");
        }
        if (Files.exists(file)) {
            validateFile(file);
        }
        try {
            warmUp();
            ChronicleMap<CharSequence, byte[]> map = builder(sizing).createPersistedTo(file.toFile());
            TierBulkMapping.dropBulksBeyondTheirMapping(map);
            return new KeyIndex(file, map, sizing);
        } catch (IOException | RuntimeException e) {
            if (IoFailures.isDiskFull(e, file.getParent())) {
                throw IoFailures.diskFull(create ? "creating the store's map" : "opening the store's map",
                        file.getParent(), e);
            }
            throw new StoreFormatException(file + " cannot be opened as a shared-state map: it is corrupt, "
                    + "truncated or foreign (" + rootMessage(e) + "); restore it from a backup", e);
        }
    }

    /**
     * Loads the classes of every Chronicle call the store makes now, on a small private map in memory, with no lock
     * held: loading them the first time a call is made, under the store's index lock, would hold up every process
     * for as long as a busy machine takes to read them from the jar.
     */
    private static void warmUp() {
        WarmUp.done();
    }

    /** Runs the warm-up once per JVM. */
    private static final class WarmUp {
        static {
            try (ChronicleMap<CharSequence, byte[]> scratch = ChronicleMap.of(CharSequence.class, byte[].class)
                    .name("shared-state-warm-up").averageKeySize(MapSizing.AVERAGE_KEY_BYTES)
                    .averageValueSize(MapSizing.scalarValueSize()).entries(16).checksumEntries(false).create()) {
                KeyIndex index = new KeyIndex(Path.of("warm-up"), scratch, MapSizing.of(16, 1, 0));
                index.withKey("k", cursor -> cursor.insert(MapSizing.scalarValueSize()));
                index.withKey("k", KeyCursor::base);
                index.visitSegment(0, "", (name, base) -> { });
                index.segmentStats();
                index.withKey("k", cursor -> {
                    cursor.remove();
                    return null;
                });
            }
        }

        static void done() {
            // Loading this class ran the warm-up.
        }
    }

    /**
     * Rebuilds the map's segment headers, releasing every segment lock, with Chronicle's {@code recoverPersistedTo};
     * for recover, which holds the store exclusively.
     */
    static void recoverClosed(Path file, MapSizing sizing) {
        ChronicleBootstrap.configure();
        ChronicleLockWarning.install();
        try (ChronicleMap<CharSequence, byte[]> map = builder(sizing).recoverPersistedTo(file.toFile(), true)) {
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
        if (!Files.isRegularFile(file)) {
            throw new StoreFormatException(file + " is not a regular file; restore the store from a backup");
        }
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

    private static ChronicleMapBuilder<CharSequence, byte[]> builder(MapSizing sizing) {
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

    /** What to do with a key's place in the map; runs under the index lock. */
    @FunctionalInterface
    interface KeyAction<T> {
        T apply(KeyCursor cursor);
    }

    /** What to do with each entry while visiting a segment. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(String name, long base);
    }

    /** Runs {@code action} on {@code name}'s place in the map; the caller holds the index lock. */
    <T> T withKey(String name, KeyAction<T> action) {
        try (ExternalMapQueryContext<CharSequence, byte[], ?> context = map.queryContext(name)) {
            context.updateLock().lock();
            return action.apply(new KeyCursor(context, this));
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("extra segment tier")) {
                throw full(name, e);
            }
            throw e;
        }
    }

    /** Visits the entries of one segment whose names start with {@code prefix}; the caller holds the index lock. */
    void visitSegment(int segment, String prefix, EntryVisitor visitor) {
        try (MapSegmentContext<CharSequence, byte[], ?> context = map.segmentContext(segment)) {
            context.forEachSegmentEntry(entry -> {
                String name = entry.key().get().toString();
                if (name.startsWith(prefix)) {
                    visitor.visit(name, baseOf(entry.value()));
                }
            });
        }
    }

    /** Returns the map's figures per segment; the caller holds the index lock. */
    List<ChronicleMap.SegmentStats> segmentStats() {
        return List.of(map.segmentStats());
    }

    /** Repairs the map in place after a process died inside a Chronicle call; the caller holds the index lock. */
    ChronicleRepair.Report repair(ChronicleRepair.Scope scope) {
        return ChronicleRepair.repair(map, scope);
    }

    /** Forces the map's pages to disk. */
    void sync() {
        ((net.openhft.chronicle.hash.impl.VanillaChronicleHash<?, ?, ?, ?>) map).msync();
    }

    int segments() {
        return map.segments();
    }

    int remainingAutoResizes() {
        return map.remainingAutoResizes();
    }

    MapSizing sizing() {
        return sizing;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        map.close();
    }

    private StoreFullException full(String name, Throwable cause) {
        return new StoreFullException("store " + file.getParent() + " has no room left for key \"" + name
                + "\": its " + sizing.dataBytesDescription() + " for values are used up (see shared-state stat); "
                + "remove keys or arrays, or create a store with a larger dataBytes", cause);
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
        private final KeyIndex index;

        private KeyCursor(ExternalMapQueryContext<CharSequence, byte[], ?> context, KeyIndex index) {
            this.context = context;
            this.index = index;
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
            context.writeLock().lock();
            context.insert(context.absentEntry(), context.wrapValueAsData(new byte[valueSize]));
            return base();
        }

        /** Removes the present key's entry, freeing its bytes. */
        void remove() {
            context.writeLock().lock();
            context.remove(context.entry());
        }

        /** Returns the index this cursor belongs to. */
        KeyIndex index() {
            return index;
        }
    }

    /** Lists the names of every entry, for a full scan; the caller holds the index lock segment by segment. */
    List<String> names(int segment) {
        List<String> names = new ArrayList<>();
        visitSegment(segment, "", (name, base) -> names.add(name));
        return names;
    }
}
