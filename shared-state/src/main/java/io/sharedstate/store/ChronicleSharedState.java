package io.sharedstate.store;

import io.sharedstate.internal.KeyNames;
import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.DiskFullException;
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
import io.sharedstate.SharedValue;
import io.sharedstate.SharedValueArray;
import io.sharedstate.StoreClosedException;
import io.sharedstate.StoreFormatException;
import io.sharedstate.StoreSettings;
import io.sharedstate.StoreStatistics;
import io.sharedstate.Subscription;
import io.sharedstate.TypeCode;
import io.sharedstate.TypeMismatchException;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.internal.RequiredJvmFlags;
import io.sharedstate.internal.IoFailures;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.internal.ValueCodec;
import io.sharedstate.journal.KeyFilter;
import io.sharedstate.lock.ProcessRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The Chronicle Map and Chronicle Queue implementation of {@link SharedState}: the local store. Views made by
 * {@link #withJournal} share its open state but keep their own handles; closing a view closes only the view.
 */
public final class ChronicleSharedState implements SharedState {
    private final SharedStore store;
    private final Lifecycle lifecycle;
    private final JournalMode journalMode;
    private final boolean readOnly;
    private final boolean view;
    // Per view, not per store: a cached handle belongs to the view that made it (its journal mode, its open state).
    private final ConcurrentMap<CacheKey, EntryHandle> handles = new ConcurrentHashMap<>();
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
        RequiredJvmFlags.check();
        ChronicleBootstrap.configure();
        SharedStore store = SharedStore.acquire(config);
        return new ChronicleSharedState(store, new Lifecycle(), config.journal(), config.readOnly(), false);
    }

    /** Returns an instance for the store's own maintenance; it takes no reference of the store. */
    static ChronicleSharedState forMaintenance(SharedStore store) {
        return new ChronicleSharedState(store, new Lifecycle(), JournalMode.ON, false, true);
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
        return attach(name, scalar(TypeCode.INT64, initial), HandleKind.LONG);
    }

    @Override
    public SharedInt intValue(String name) {
        return intValue(name, 0);
    }

    @Override
    public SharedInt intValue(String name, int initial) {
        return attach(name, scalar(TypeCode.INT32, initial), HandleKind.INT);
    }

    @Override
    public SharedDouble doubleValue(String name) {
        return doubleValue(name, 0.0);
    }

    @Override
    public SharedDouble doubleValue(String name, double initial) {
        return attach(name, scalar(TypeCode.FLOAT64, Double.doubleToRawLongBits(initial)), HandleKind.DOUBLE);
    }

    @Override
    public SharedValue value(String name, char typecode, Number initial) {
        TypeCode type = TypeCode.of(typecode);
        return attach(name, scalar(type, ValueCodec.fromNumber(type, initial)), HandleKind.VALUE);
    }

    @Override
    public SharedValue value(String name) {
        EntryView entry = existing(name);
        if (entry.isArray()) {
            throw new TypeMismatchException("key \"" + name + "\" holds " + entry.describeShape()
                    + ", asked for a single value");
        }
        return HandleKind.VALUE.cast(cached(name, entry, HandleKind.VALUE));
    }

    // ---- arrays

    @Override
    public SharedLongArray longArray(String name, int length) {
        return longArray(name, new long[checkedLength(length)]);
    }

    @Override
    public SharedLongArray longArray(String name, long... initial) {
        return attach(name, array(TypeCode.INT64, initial.clone()), HandleKind.LONG_ARRAY);
    }

    @Override
    public SharedIntArray intArray(String name, int length) {
        return intArray(name, new int[checkedLength(length)]);
    }

    @Override
    public SharedIntArray intArray(String name, int... initial) {
        return attach(name, array(TypeCode.INT32, Arrays.stream(initial).asLongStream().toArray()),
                HandleKind.INT_ARRAY);
    }

    @Override
    public SharedDoubleArray doubleArray(String name, int length) {
        return doubleArray(name, new double[checkedLength(length)]);
    }

    @Override
    public SharedDoubleArray doubleArray(String name, double... initial) {
        long[] canonical = Arrays.stream(initial).mapToLong(Double::doubleToRawLongBits).toArray();
        return attach(name, array(TypeCode.FLOAT64, canonical), HandleKind.DOUBLE_ARRAY);
    }

    @Override
    public SharedValueArray array(String name, char typecode, int length) {
        TypeCode type = TypeCode.of(typecode);
        long[] zeros = new long[checkedLength(length)];
        if (type.isFloatingPoint()) {
            Arrays.fill(zeros, ValueCodec.toCanonical(type, 0.0));
        }
        return attach(name, array(type, zeros), HandleKind.VALUE_ARRAY);
    }

    @Override
    public SharedValueArray array(String name, char typecode, Number... initial) {
        TypeCode type = TypeCode.of(typecode);
        Objects.requireNonNull(initial, "initial");
        checkedLength(initial.length);
        long[] canonical = Arrays.stream(initial).mapToLong(value -> ValueCodec.fromNumber(type, value)).toArray();
        return attach(name, array(type, canonical), HandleKind.VALUE_ARRAY);
    }

    @Override
    public SharedValueArray array(String name) {
        EntryView entry = existing(name);
        if (!entry.isArray()) {
            throw new TypeMismatchException("key \"" + name + "\" holds " + entry.describeShape()
                    + ", asked for an array");
        }
        return HandleKind.VALUE_ARRAY.cast(cached(name, entry, HandleKind.VALUE_ARRAY));
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
        Objects.requireNonNull(timeout, "timeout");
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
        Objects.requireNonNull(prefix, "prefix");
        SortedSet<String> names = new TreeSet<>();
        store.catalog().forEach(prefix, (name, base) -> {
            if (!new EntryView(base).isRemoved()) {
                names.add(name);
            }
        });
        return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public boolean contains(String name) {
        checkOpen();
        String key = KeyNames.validate(name);
        long base = store.catalog().lookup(key);
        return base != 0 && !new EntryView(base).isRemoved();
    }

    @Override
    public KeyInfo info(String name) {
        return existing(name).info(KeyNames.validate(name), store);
    }

    @Override
    public boolean remove(String name) {
        checkWritable();
        String key = KeyNames.validate(name);
        long base = store.catalog().lookup(key);
        if (base == 0 || new EntryView(base).isRemoved()) {
            return false;
        }
        EntryHandle handle = cached(key, wellFormed(key, base), HandleKind.general(new EntryView(base)));
        boolean acquired;
        try {
            // Not released on success: the lock word becomes the removed mark. Nested if this thread holds it.
            acquired = handle.beginWrite();
        } catch (KeyRemovedException e) {
            return false;
        }
        long token = store.token();
        EntryView entry = new EntryView(handle.base);
        try {
            setState(handle.base, EntryLayout.STATE_REMOVING, true);
            EntryJournal.recordAll(store, handle, Operation.REMOVE, new long[0]);
            if (!store.catalog().completeRemoval(key, entry, token)) {
                throw new IllegalMonitorStateException("the lock of key \"" + key + "\" was taken over while "
                        + "removing it");
            }
        } catch (RuntimeException | Error e) {
            if (UnsafeAccess.getLongVolatile(handle.base + EntryLayout.LOCK) == token) {
                setState(handle.base, EntryLayout.STATE_REMOVING, false);
                handle.endWrite(acquired, false);
            }
            throw e instanceof io.sharedstate.SharedStateException || e instanceof IllegalMonitorStateException
                    ? (RuntimeException) e : IoFailures.translate("removing key \"" + key + "\"", directory(), e);
        }
        retireHandlesOf(key, handle.base);
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
        return new ChronicleSharedState(store, lifecycle, Objects.requireNonNull(mode, "mode"), readOnly, true);
    }

    @Override
    public StoreSettings settings() {
        checkOpen();
        StoreHeader header = store.header();
        return new StoreSettings(header.capacity(), header.maxArrayLength(), store.sizing().dataBytes(),
                header.journalDefault(), header.retentionBytes(), header.retention(), header.coalesceInterval(),
                header.filePermissions(), header.processSlots(), header.createdAt(), StoreHeader.FORMAT_VERSION);
    }

    @Override
    public StoreStatistics statistics() {
        checkOpen();
        return StoreStats.of(store).toPublic();
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
        return subscribe(KeyFilter.exactly(KeyNames.validate(key)), listener);
    }

    @Override
    public Subscription watchPrefix(String prefix, Consumer<ChangeEvent> listener) {
        return subscribe(KeyFilter.prefix(KeyNames.normalize(Objects.requireNonNull(prefix, "prefix"))), listener);
    }

    private Subscription subscribe(KeyFilter filter, Consumer<ChangeEvent> listener) {
        checkOpen();
        Objects.requireNonNull(listener, "listener");
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

    // ---- for the CLI and tools

    /** Returns the store's figures, as the CLI's {@code stat} shows them. */
    public StoreStats stats() {
        checkOpen();
        return StoreStats.of(store);
    }

    /** Returns the processes registered in the store. */
    public List<ProcessRecord> processes() {
        checkOpen();
        return store.registry().processes();
    }

    /** Returns the number of map segments, for {@link #forEachKeyInSegment}. */
    public int segmentCount() {
        checkOpen();
        return store.index().segments();
    }

    /**
     * Visits every key of one map segment whose name starts with {@code prefix}, with a consistent read of its
     * values, waiting at most {@code lockWaitMillis} for a key's lock; for tools that must stream a million keys
     * without holding anything while their output blocks.
     */
    public void forEachKeyInSegment(int segment, String prefix, long lockWaitMillis, Consumer<KeySnapshot> visitor) {
        checkOpen();
        List<String> names = new ArrayList<>();
        List<Long> bases = new ArrayList<>();
        store.catalog().visitSegment(segment, prefix, (name, base) -> {
            names.add(name);
            bases.add(base);
        });
        for (int i = 0; i < names.size(); i++) {
            EntryView entry = new EntryView(bases.get(i));
            if (entry.isRemoved()) {
                continue;
            }
            visitor.accept(entry.isWellFormed(store.header().maxArrayLength())
                    ? KeySnapshot.read(names.get(i), entry, store, lockWaitMillis)
                    : KeySnapshot.malformed(names.get(i)));
        }
    }

    /** Runs this process's maintenance once, now: repairs what dead processes left, reclaims removed keys. */
    public void maintainNow() {
        checkOpen();
        store.maintenance().runOnce();
    }

    SharedStore store() {
        return store;
    }

    void checkOpen() {
        if (lifecycle.closed || viewClosed || store.isClosed()) {
            throw new StoreClosedException("store " + directory() + " is closed");
        }
    }

    void checkWritable() {
        checkOpen();
        if (readOnly) {
            throw new UnsupportedOperationException("store " + directory() + " was opened read-only");
        }
    }

    /** Adopts the pending changes a dead process left in key {@code name}, so that maintenance journals them. */
    void adoptPending(String name) {
        long base = store.catalog().lookup(name);
        if (base != 0 && !new EntryView(base).isRemoved()
                && UnsafeAccess.getIntVolatile(base + EntryLayout.PENDING) > 0) {
            EntryView entry = wellFormed(name, base);
            store.pendingFlushes().add(cached(name, entry, HandleKind.general(entry)));
        }
    }

    // ---- attaching

    private <T> T attach(String name, KeySpec spec, HandleKind kind) {
        checkOpen();
        String key = KeyNames.validate(name);
        CacheKey cacheKey = new CacheKey(key, kind);
        EntryHandle cached = handles.get(cacheKey);
        if (cached != null && cached.isValid()) {
            spec.requireMatches(key, new EntryView(cached.base));
            return kind.cast(cached);
        }
        EntryView entry = lookupOrCreate(key, spec);
        spec.requireMatches(key, entry);
        EntryHandle handle = kind.create(this, key, entry, spec);
        handles.put(cacheKey, handle);
        return kind.cast(handle);
    }

    /** Returns {@code handle} if its key still exists, else a handle of the same kind to the key as it is now. */
    <T> T reattach(EntryHandle handle) {
        checkOpen();
        if (handle.isValid()) {
            return HandleKind.of(handle).cast(handle);
        }
        return attach(handle.name, handle.spec, HandleKind.of(handle));
    }

    private EntryHandle cached(String name, EntryView entry, HandleKind kind) {
        CacheKey cacheKey = new CacheKey(name, kind);
        EntryHandle cached = handles.get(cacheKey);
        if (cached != null && cached.base == entry.base() && cached.entryId == entry.entryId()
                && !cached.isRetired()) {
            return cached;
        }
        EntryHandle handle = kind.create(this, name, entry,
                KeySpec.zeroOf(entry.type(), entry.isArray(), entry.length(), entry.journalMode()));
        handles.put(cacheKey, handle);
        return handle;
    }

    private EntryHandle handleOf(String name) {
        EntryView entry = existing(name);
        return cached(KeyNames.validate(name), entry, HandleKind.general(entry));
    }

    private EntryView existing(String name) {
        checkOpen();
        String key = KeyNames.validate(name);
        long base = store.catalog().lookup(key);
        if (base == 0 || new EntryView(base).isRemoved()) {
            throw new NoSuchKeyException("no key \"" + KeyNames.printable(key) + "\" in store " + directory());
        }
        return wellFormed(key, base);
    }

    private EntryView wellFormed(String name, long base) {
        EntryView entry = new EntryView(base);
        if (!entry.isWellFormed(store.header().maxArrayLength())) {
            throw new StoreFormatException("key \"" + KeyNames.printable(name) + "\" in " + directory() + " is corrupt: "
                    + "its entry header is not valid; run: shared-state verify " + directory());
        }
        return entry;
    }

    private EntryView lookupOrCreate(String name, KeySpec spec) {
        if (readOnly) {
            long base = store.catalog().lookup(name);
            if (base == 0 || new EntryView(base).isRemoved()) {
                throw new NoSuchKeyException("no key \"" + KeyNames.printable(name) + "\" in store " + directory()
                        + ", and a read-only store cannot create it");
            }
            return wellFormed(name, base);
        }
        checkArrayLength(name, spec);
        long token = store.token();
        KeyCatalog.Created created;
        try {
            refuseWhileDiskFull(name);
            created = store.catalog().create(name, spec, token);
        } catch (io.sharedstate.SharedStateException | IllegalArgumentException e) {
            throw latchIfDiskFull(e);
        } catch (RuntimeException | Error e) {
            throw latchIfDiskFull(IoFailures.translate("creating key \"" + KeyNames.printable(name) + "\"", directory(),
                    e));
        }
        if (created.created()) {
            publishCreation(name, spec, created.entry(), token);
        }
        return wellFormed(name, created.entry().base());
    }

    /** While the disk is full, refuses to create an absent key without calling into Chronicle (see DiskFullLatch). */
    private void refuseWhileDiskFull(String name) {
        if (store.diskFull().isSet()) {
            long base = store.catalog().lookup(name);
            if (base == 0 || new EntryView(base).isRemoved()) {
                throw IoFailures.diskFull("creating key \"" + KeyNames.printable(name) + "\"", directory(), null);
            }
        }
    }

    /** Sets the latch when a creation failed inside Chronicle for want of space (its own refusals have no cause). */
    private <E extends RuntimeException> E latchIfDiskFull(E failure) {
        if (failure instanceof DiskFullException && failure.getCause() != null) {
            store.diskFull().set();
        }
        return failure;
    }

    /** Journals the creation while still holding the new key's lock, then releases it. */
    private void publishCreation(String name, KeySpec spec, EntryView entry, long token) {
        long base = entry.base();
        try {
            EntryJournal.recordAll(store, base, name.getBytes(java.nio.charset.StandardCharsets.UTF_8), spec.type(),
                    spec.array(), spec.journal(), Operation.CREATE, spec.initial(), null);
        } finally {
            setState(base, EntryLayout.STATE_CREATING, false);
            long sequence = UnsafeAccess.getLong(base + EntryLayout.SEQUENCE);
            UnsafeAccess.putLongRelease(base + EntryLayout.SEQUENCE, (sequence | 1) + 1);
            UnsafeAccess.compareAndSetLong(base + EntryLayout.LOCK, token, io.sharedstate.lock.OwnerToken.FREE);
        }
    }

    private void retireHandlesOf(String name, long base) {
        store.handles().retireAt(base);
        for (HandleKind kind : HandleKind.values()) {
            handles.remove(new CacheKey(name, kind));
        }
    }

    private KeySpec scalar(TypeCode type, long canonical) {
        return KeySpec.scalar(type, journalMode, canonical);
    }

    private KeySpec array(TypeCode type, long[] canonical) {
        if (canonical.length == 0) {
            throw new IllegalArgumentException("an array needs at least one element");
        }
        return KeySpec.array(type, journalMode, canonical);
    }

    private void checkArrayLength(String name, KeySpec spec) {
        int max = store.header().maxArrayLength();
        if (spec.length() > max) {
            throw new IllegalArgumentException("array \"" + KeyNames.printable(name) + "\" of " + spec.length()
                    + " elements is longer than this store's maxArrayLength, " + max
                    + "; create the store with a larger one");
        }
    }

    private int checkedLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("array length must be at least 1, was " + length);
        }
        int max = store.header().maxArrayLength();
        if (length > max) {
            throw new IllegalArgumentException("array length " + length + " is more than this store's "
                    + "maxArrayLength, " + max + "; create the store with a larger one");
        }
        return length;
    }

    private static void setState(long base, int bit, boolean on) {
        int state = UnsafeAccess.getByte(base + EntryLayout.STATE);
        UnsafeAccess.putByte(base + EntryLayout.STATE, (byte) (on ? state | bit : state & ~bit));
    }

    private static final class CacheKey {
        final String name;
        final HandleKind kind;

        CacheKey(String name, HandleKind kind) {
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
