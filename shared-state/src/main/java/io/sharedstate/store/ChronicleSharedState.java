package io.sharedstate.store;

import io.sharedstate.internal.ValueCodec;
import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.Journal;
import io.sharedstate.JournalMode;
import io.sharedstate.KeyInfo;
import io.sharedstate.KeyRemovedException;
import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedDouble;
import io.sharedstate.SharedDoubleArray;
import io.sharedstate.SharedInt;
import io.sharedstate.SharedIntArray;
import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.SharedStateException;
import io.sharedstate.SharedValue;
import io.sharedstate.SharedValueArray;
import io.sharedstate.StoreClosedException;
import io.sharedstate.StoreFormatException;
import io.sharedstate.StoreFullException;
import io.sharedstate.StoreSettings;
import io.sharedstate.StoreStatistics;
import io.sharedstate.journal.KeyFilter;
import io.sharedstate.Subscription;
import io.sharedstate.TypeCode;
import io.sharedstate.TypeMismatchException;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.lock.ProcessRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Chronicle Map and Chronicle Queue implementation of {@link SharedState}. Views made by
 * {@link #withJournal} share its open state and handle cache.
 */
public final class ChronicleSharedState implements SharedState {
    private final SharedStore store;
    private final Lifecycle lifecycle;
    private final JournalMode journalMode;
    private final boolean readOnly;
    private final boolean view;
    private volatile boolean viewClosed;

    private ChronicleSharedState(SharedStore store, Lifecycle lifecycle, JournalMode journalMode, boolean readOnly,
                                 boolean view) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.journalMode = journalMode;
        this.readOnly = readOnly;
        this.view = view;
    }

    /** Opens a store; see {@link io.sharedstate.SharedStateBuilder#open()}. */
    public static ChronicleSharedState open(StoreConfig config) {
        ChronicleBootstrap.configure();
        SharedStore store = SharedStore.acquire(config);
        return new ChronicleSharedState(store, new Lifecycle(), config.journal(), config.readOnly(), false);
    }

    @Override
    public Path directory() {
        return store.files().directory();
    }

    // ---- values

    @Override
    public SharedLong longValue(String name) {
        return longValue(name, 0L);
    }

    @Override
    public SharedLong longValue(String name, long initial) {
        return attach(name, scalar(TypeCode.INT64, initial), Kind.LONG);
    }

    @Override
    public SharedInt intValue(String name) {
        return intValue(name, 0);
    }

    @Override
    public SharedInt intValue(String name, int initial) {
        return attach(name, scalar(TypeCode.INT32, initial), Kind.INT);
    }

    @Override
    public SharedDouble doubleValue(String name) {
        return doubleValue(name, 0.0);
    }

    @Override
    public SharedDouble doubleValue(String name, double initial) {
        return attach(name, scalar(TypeCode.FLOAT64, Double.doubleToRawLongBits(initial)), Kind.DOUBLE);
    }

    @Override
    public SharedValue value(String name, char typecode, Number initial) {
        TypeCode type = TypeCode.of(typecode);
        return attach(name, scalar(type, ValueCodec.fromNumber(type, initial)), Kind.VALUE);
    }

    @Override
    public SharedValue value(String name) {
        EntryView entry = existing(name);
        if (entry.isArray()) {
            throw new TypeMismatchException("key \"" + name + "\" holds " + entry.describeShape()
                    + ", asked for a single value");
        }
        return cached(name, entry, Kind.VALUE);
    }

    // ---- arrays

    @Override
    public SharedLongArray longArray(String name, int length) {
        return longArray(name, new long[checkedLength(length)]);
    }

    @Override
    public SharedLongArray longArray(String name, long... initial) {
        return attach(name, array(TypeCode.INT64, initial.clone()), Kind.LONG_ARRAY);
    }

    @Override
    public SharedIntArray intArray(String name, int length) {
        return intArray(name, new int[checkedLength(length)]);
    }

    @Override
    public SharedIntArray intArray(String name, int... initial) {
        return attach(name, array(TypeCode.INT32, Arrays.stream(initial).asLongStream().toArray()), Kind.INT_ARRAY);
    }

    @Override
    public SharedDoubleArray doubleArray(String name, int length) {
        return doubleArray(name, new double[checkedLength(length)]);
    }

    @Override
    public SharedDoubleArray doubleArray(String name, double... initial) {
        long[] canonical = Arrays.stream(initial).mapToLong(Double::doubleToRawLongBits).toArray();
        return attach(name, array(TypeCode.FLOAT64, canonical), Kind.DOUBLE_ARRAY);
    }

    @Override
    public SharedValueArray array(String name, char typecode, int length) {
        TypeCode type = TypeCode.of(typecode);
        long[] zeros = new long[checkedLength(length)];
        if (type.isFloatingPoint()) {
            Arrays.fill(zeros, ValueCodec.toCanonical(type, 0.0));
        }
        return attach(name, array(type, zeros), Kind.VALUE_ARRAY);
    }

    @Override
    public SharedValueArray array(String name, char typecode, Number... initial) {
        TypeCode type = TypeCode.of(typecode);
        long[] canonical = Arrays.stream(initial).mapToLong(value -> ValueCodec.fromNumber(type, value)).toArray();
        return attach(name, array(type, canonical), Kind.VALUE_ARRAY);
    }

    @Override
    public SharedValueArray array(String name) {
        EntryView entry = existing(name);
        if (!entry.isArray()) {
            throw new TypeMismatchException("key \"" + name + "\" holds " + entry.describeShape()
                    + ", asked for an array");
        }
        return cached(name, entry, Kind.VALUE_ARRAY);
    }

    // ---- locks and keys

    @Override
    public SharedLock lock(String name) {
        return handleOf(name).lock();
    }

    @Override
    public SharedLock lockInterruptibly(String name) throws InterruptedException {
        return handleOf(name).lockInterruptibly();
    }

    @Override
    public Optional<SharedLock> tryLock(String name, Duration timeout) {
        KeyLock lock = new KeyLock(handleOf(name));
        return lock.tryLock(timeout) ? Optional.of(lock) : Optional.empty();
    }

    @Override
    public SortedSet<String> names() {
        return names("");
    }

    @Override
    public SortedSet<String> names(String prefix) {
        checkOpen();
        SortedSet<String> names = new TreeSet<>();
        store.index().forEach(prefix, (name, base) -> {
            if (!new EntryView(base).isRemoved()) {
                names.add(name);
            }
        });
        return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public boolean contains(String name) {
        checkOpen();
        Names.validate(name);
        long base = lookup(name);
        return base != 0 && !new EntryView(base).isRemoved();
    }

    @Override
    public KeyInfo info(String name) {
        return existing(name).info(name, store);
    }

    @Override
    public boolean remove(String name) {
        checkWritable();
        Names.validate(name);
        long base = lookup(name);
        if (base == 0 || new EntryView(base).isRemoved()) {
            return false;
        }
        EntryView entry = new EntryView(base);
        EntryHandle handle = newHandle(name, entry, entry.isArray() ? Kind.VALUE_ARRAY : Kind.VALUE);
        boolean acquired;
        try {
            // Not released on success: the lock word becomes the removed mark. Nested if this thread holds it.
            acquired = handle.beginWrite();
        } catch (KeyRemovedException e) {
            return false;
        }
        try {
            if (entry.isJournaled()) {
                store.journal().appendAll(Operation.REMOVE, name.getBytes(StandardCharsets.UTF_8), entry.type(),
                        entry.isArray(), new long[0]);
            }
        } catch (RuntimeException e) {
            handle.endWrite(acquired);
            throw e;
        }
        entry.markRemoved(store.registry().registrationCounter());
        store.header().addTombstones(1);
        lifecycle.handles.keySet().removeIf(key -> key.name.equals(name));
        return true;
    }

    @Override
    public void sync() {
        checkOpen();
        store.index().sync();
        store.header().force();
        store.journal().sync();
    }

    @Override
    public SharedState withJournal(JournalMode mode) {
        checkOpen();
        return new ChronicleSharedState(store, lifecycle, mode, readOnly, true);
    }

    @Override
    public StoreSettings settings() {
        checkOpen();
        StoreHeader header = store.header();
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions;
        try {
            permissions = java.nio.file.Files.getPosixFilePermissions(header.file());
        } catch (java.io.IOException | UnsupportedOperationException e) {
            permissions = java.util.Set.of();
        }
        return new StoreSettings(header.capacity(), header.maxArrayLength(), store.index().dataBytes(),
                header.journalByDefault() ? JournalMode.ON : JournalMode.OFF, header.retentionBytes(),
                Duration.ofDays(header.retentionDays()), io.sharedstate.SharedStateBuilder.DEFAULT_JOURNAL_COALESCE_INTERVAL,
                permissions, header.processSlots(), header.createdAt(), StoreHeader.FORMAT_VERSION);
    }

    @Override
    public StoreStatistics statistics() {
        return stats().toPublic();
    }

    @Override
    public Journal journal() {
        checkOpen();
        return store.journal();
    }

    @Override
    public Subscription watch(Consumer<ChangeEvent> listener) {
        return subscribe(KeyFilter.all(), listener);
    }

    @Override
    public Subscription watch(String key, Consumer<ChangeEvent> listener) {
        return subscribe(KeyFilter.exactly(Names.validate(key)), listener);
    }

    @Override
    public Subscription watchPrefix(String prefix, Consumer<ChangeEvent> listener) {
        return subscribe(KeyFilter.prefix(java.util.Objects.requireNonNull(prefix, "prefix")), listener);
    }

    private Subscription subscribe(KeyFilter filter, Consumer<ChangeEvent> listener) {
        checkOpen();
        java.util.Objects.requireNonNull(listener, "listener");
        Subscription subscription = store.journal().watch(filter, listener);
        lifecycle.subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean isClosed() {
        return lifecycle.closed || viewClosed;
    }

    @Override
    public void close() {
        if (view) {
            viewClosed = true;
            return;
        }
        if (lifecycle.close()) {
            lifecycle.subscriptions.forEach(Subscription::close);
            store.release();
        }
    }

    @Override
    public String toString() {
        return "SharedState{" + directory() + (readOnly ? ", read-only" : "") + (isClosed() ? ", closed" : "") + "}";
    }

    // ---- for the CLI and handles

    /** Returns the store's statistics, for {@code shared-state stat}. */
    public StoreStats stats() {
        checkOpen();
        return StoreStats.of(store);
    }

    /** Returns the processes registered in the store, for {@code shared-state stat}. */
    public List<ProcessRecord> processes() {
        checkOpen();
        return store.registry().processes();
    }

    /**
     * Visits every key with a consistent read of its values, without waiting on locks for more than
     * {@code lockWaitMillis}; for {@code dump}, which must stream a million keys without holding them.
     *
     * @return the number of map segments that could not be read because a dead process left them locked
     */
    public int forEachKey(String prefix, long lockWaitMillis, Consumer<KeySnapshot> visitor) {
        checkOpen();
        int skipped = 0;
        for (int segment = 0; segment < store.index().segments(); segment++) {
            if (!forEachKeyInSegment(segment, prefix, lockWaitMillis, visitor)) {
                skipped++;
            }
        }
        return skipped;
    }

    /** Returns the number of map segments, for {@link #forEachKeyInSegment}. */
    public int segmentCount() {
        checkOpen();
        return store.index().segments();
    }

    /**
     * As {@link #forEachKey}, for one map segment: a tool that prints between segments holds no segment lock
     * while its output blocks.
     *
     * @return false if the segment was skipped because a dead process left it locked
     */
    public boolean forEachKeyInSegment(int segment, String prefix, long lockWaitMillis,
                                       Consumer<KeySnapshot> visitor) {
        checkOpen();
        // Only names and addresses are gathered under the segment's lock; values are read after it is released,
        // so a key held locked by a live process delays this reader, never the segment's writers.
        List<String> names = new ArrayList<>();
        List<Long> bases = new ArrayList<>();
        boolean visited = store.index().forEachInSegment(segment, prefix, (name, base) -> {
            names.add(name);
            bases.add(base);
        });
        for (int i = 0; i < names.size(); i++) {
            EntryView entry = new EntryView(bases.get(i));
            if (entry.isWellFormed() && !entry.isRemoved()) {
                visitor.accept(KeySnapshot.read(names.get(i), entry, store, lockWaitMillis));
            } else if (!entry.isRemoved()) {
                visitor.accept(KeySnapshot.malformed(names.get(i)));
            }
        }
        return visited;
    }

    SharedStore store() {
        return store;
    }

    void checkOpen() {
        if (lifecycle.closed || viewClosed) {
            throw new StoreClosedException("store " + directory() + " is closed");
        }
    }

    void checkWritable() {
        checkOpen();
        if (readOnly) {
            throw new UnsupportedOperationException("store " + directory() + " was opened read-only");
        }
    }

    // ---- attaching

    private <T> T attach(String name, KeySpec spec, Kind kind) {
        checkOpen();
        Names.validate(name);
        CacheKey cacheKey = new CacheKey(name, kind);
        EntryHandle cached = lifecycle.handles.get(cacheKey);
        if (cached != null && cached.isValid()) {
            spec.requireMatches(name, new EntryView(cached.base));
            return kind.cast(cached);
        }
        EntryView entry = lookupOrCreate(name, spec);
        spec.requireMatches(name, entry);
        EntryHandle handle = newHandle(name, entry, kind, spec);
        lifecycle.handles.put(cacheKey, handle);
        return kind.cast(handle);
    }

    private <T> T cached(String name, EntryView entry, Kind kind) {
        CacheKey cacheKey = new CacheKey(name, kind);
        EntryHandle cached = lifecycle.handles.get(cacheKey);
        if (cached != null && cached.base == entry.base() && cached.entryId == entry.entryId()) {
            return kind.cast(cached);
        }
        EntryHandle handle = newHandle(name, entry, kind);
        lifecycle.handles.put(cacheKey, handle);
        return kind.cast(handle);
    }

    private EntryHandle handleOf(String name) {
        EntryView entry = existing(name);
        return cached(name, entry, entry.isArray() ? Kind.VALUE_ARRAY : Kind.VALUE);
    }

    private EntryView existing(String name) {
        checkOpen();
        Names.validate(name);
        long base = lookup(name);
        if (base == 0 || new EntryView(base).isRemoved()) {
            throw new NoSuchKeyException("no key \"" + name + "\" in store " + directory());
        }
        return wellFormed(name, base);
    }

    private long lookup(String name) {
        return store.index().read(name, KeyIndex.KeyCursor::base);
    }

    private EntryView wellFormed(String name, long base) {
        EntryView entry = new EntryView(base);
        if (!entry.isWellFormed()) {
            throw new StoreFormatException("key \"" + name + "\" in " + directory() + " is corrupt: its entry "
                    + "header is not valid; run: shared-state verify " + directory());
        }
        return entry;
    }

    private EntryView lookupOrCreate(String name, KeySpec spec) {
        long base = lookup(name);
        if (base != 0 && !new EntryView(base).isRemoved()) {
            return wellFormed(name, base);
        }
        if (readOnly) {
            throw new NoSuchKeyException("no key \"" + name + "\" in store " + directory()
                    + ", and a read-only store cannot create it");
        }
        checkArrayLength(name, spec);
        long token = store.token();
        long created = store.index().write(name, cursor -> createUnderSegmentLock(name, spec, cursor, token));
        EntryView entry = new EntryView(created);
        if (entry.lockWord() == token) {
            publishCreation(name, spec, entry);
        }
        return wellFormed(name, entry.base());
    }

    /** Runs under the Chronicle write lock: only header writes, never the journal or user code. */
    private long createUnderSegmentLock(String name, KeySpec spec, KeyIndex.KeyCursor cursor, long token) {
        long base = cursor.base();
        if (base != 0) {
            EntryView entry = new EntryView(base);
            if (!entry.isRemoved()) {
                return base;
            }
            if (cursor.valueSize() == spec.valueSize()) {
                entry.initialize(spec, store.pid(), store.clock().nowMicros(), token);
                store.header().addTombstones(-1);
                return base;
            }
            requireReclaimable(name, entry);
            cursor.remove();
            store.header().addTombstones(-1);
        }
        if (cursor.mapSize() >= store.header().capacity()) {
            throw new StoreFullException("store " + directory() + " is full: it holds " + cursor.mapSize()
                    + " keys (removed ones included until reclaimed), its capacity; remove keys or create a "
                    + "store with a larger capacity");
        }
        base = cursor.insert(spec.valueSize());
        new EntryView(base).initialize(spec, store.pid(), store.clock().nowMicros(), token);
        return base;
    }

    private void requireReclaimable(String name, EntryView tombstone) {
        long oldestLive = store.registry().oldestLiveRegistration();
        if (tombstone.removedAtRegistration() >= oldestLive) {
            String pids = store.registry().processes().stream().filter(ProcessRecord::alive)
                    .filter(record -> record.registration() <= tombstone.removedAtRegistration())
                    .map(record -> Integer.toString(record.pid())).collect(Collectors.joining(", "));
            throw new SharedStateException("key \"" + name + "\" was removed while processes that may still hold "
                    + "handles to it were running (pids " + pids + "); it can be created again now with its old "
                    + "type and length, or with another once those processes have closed the store");
        }
    }

    /** Journals the creation while still holding the new key's lock, then releases it. */
    private void publishCreation(String name, KeySpec spec, EntryView entry) {
        EntryHandle handle = newHandle(name, entry, spec.array() ? Kind.VALUE_ARRAY : Kind.VALUE);
        try {
            if (spec.journaled()) {
                store.journal().appendAll(Operation.CREATE, name.getBytes(StandardCharsets.UTF_8), spec.type(),
                        spec.array(), spec.initial());
            }
        } finally {
            handle.release();
        }
    }

    private KeySpec scalar(TypeCode type, long canonical) {
        return KeySpec.scalar(type, journalMode == JournalMode.ON, canonical);
    }

    private KeySpec array(TypeCode type, long[] canonical) {
        if (canonical.length == 0) {
            throw new IllegalArgumentException("an array needs at least one element");
        }
        return KeySpec.array(type, journalMode == JournalMode.ON, canonical);
    }

    private void checkArrayLength(String name, KeySpec spec) {
        int max = store.header().maxArrayLength();
        if (spec.length() > max) {
            throw new IllegalArgumentException("array \"" + name + "\" of " + spec.length() + " elements is "
                    + "longer than this store's maxArrayLength, " + max + "; create the store with a larger one");
        }
    }

    private static int checkedLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("array length must be at least 1, was " + length);
        }
        return length;
    }

    private EntryHandle newHandle(String name, EntryView entry, Kind kind) {
        return newHandle(name, entry, kind, KeySpec.zeroOf(entry.type(), entry.isArray(), entry.length(),
                entry.isJournaled()));
    }

    private EntryHandle newHandle(String name, EntryView entry, Kind kind, KeySpec spec) {
        switch (kind) {
            case LONG:
                return new LongHandle(this, name, entry, spec);
            case INT:
                return new IntHandle(this, name, entry, spec);
            case DOUBLE:
                return new DoubleHandle(this, name, entry, spec);
            case VALUE:
                return new ValueHandle(this, name, entry, spec);
            case LONG_ARRAY:
                return new LongArrayHandle(this, name, entry, spec);
            case INT_ARRAY:
                return new IntArrayHandle(this, name, entry, spec);
            case DOUBLE_ARRAY:
                return new DoubleArrayHandle(this, name, entry, spec);
            default:
                return new ValueArrayHandle(this, name, entry, spec);
        }
    }

    /** Returns {@code handle} if its key still exists, else a handle of the same kind to the key as it is now. */
    <T> T reattach(EntryHandle handle) {
        checkOpen();
        if (handle.isValid()) {
            @SuppressWarnings("unchecked")
            T same = (T) handle;
            return same;
        }
        return attach(handle.name, handle.spec, Kind.of(handle));
    }

    /** The kinds of handle, one cache slot each per name. */
    private enum Kind {
        LONG, INT, DOUBLE, VALUE, LONG_ARRAY, INT_ARRAY, DOUBLE_ARRAY, VALUE_ARRAY;

        @SuppressWarnings("unchecked")
        <T> T cast(EntryHandle handle) {
            return (T) handle;
        }

        static Kind of(EntryHandle handle) {
            if (handle instanceof LongHandle) {
                return LONG;
            } else if (handle instanceof IntHandle) {
                return INT;
            } else if (handle instanceof DoubleHandle) {
                return DOUBLE;
            } else if (handle instanceof ValueHandle) {
                return VALUE;
            } else if (handle instanceof LongArrayHandle) {
                return LONG_ARRAY;
            } else if (handle instanceof IntArrayHandle) {
                return INT_ARRAY;
            } else if (handle instanceof DoubleArrayHandle) {
                return DOUBLE_ARRAY;
            }
            return VALUE_ARRAY;
        }
    }

    private static final class CacheKey {
        final String name;
        final Kind kind;

        CacheKey(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CacheKey && ((CacheKey) other).name.equals(name)
                    && ((CacheKey) other).kind == kind;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + kind.ordinal();
        }
    }

    /** What the views of one open store share. */
    private static final class Lifecycle {
        final ConcurrentMap<CacheKey, EntryHandle> handles = new ConcurrentHashMap<>();
        final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
        volatile boolean closed;

        synchronized boolean close() {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }
}
