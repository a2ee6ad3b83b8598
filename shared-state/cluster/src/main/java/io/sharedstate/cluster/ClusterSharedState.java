package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Journal;
import io.sharedstate.JournalMode;
import io.sharedstate.KeyInfo;
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
import io.sharedstate.StoreSettings;
import io.sharedstate.StoreStatistics;
import io.sharedstate.Subscription;
import io.sharedstate.TypeCode;
import io.sharedstate.TypeMismatchException;
import io.sharedstate.internal.KeyNames;
import io.sharedstate.internal.MicrosClock;
import io.sharedstate.internal.ValueCodec;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.query.ScanQuery;

import javax.cache.Cache;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@link SharedState} on an Apache Ignite cluster: this process's node, the values and journal caches, and the
 * transactions that change them ({@link KeyTransactions}).
 */
final class ClusterSharedState implements SharedState {
    private static final int MAX_ARRAY_LENGTH = 1 << 20;
    private static final Duration PRUNE_INTERVAL = Duration.ofSeconds(10);

    private final ClusterConfig config;
    private final Ignite ignite;
    private final ClusterCaches caches;
    private final KeyTransactions keys;
    private final LockHolds holds = new LockHolds();
    private final ClusterJournal journal;
    private final JournalPruner pruner;
    private final Instant openedAt = Instant.now();
    /** A client's temporary work directory, deleted when it leaves; null for a member. */
    private final Path clientWork;
    private volatile boolean closed;

    private ClusterSharedState(ClusterConfig config, Ignite ignite, Path clientWork) {
        this.config = config;
        this.ignite = ignite;
        this.clientWork = clientWork;
        this.caches = ClusterCaches.of(ignite, config);
        ClusterRetry retry = new ClusterRetry(config.retryBudget(), this::isClosed);
        this.keys = new KeyTransactions(ignite, caches, retry, config.retryBudget());
        this.journal = new ClusterJournal(this, caches.journal());
        this.pruner = config.server() ? new JournalPruner(ignite, caches, config.journalRetention(),
                config.journalMaxRecords(), PRUNE_INTERVAL) : null;
    }

    static SharedState open(ClusterConfig config) {
        Path clientWork = config.server() ? null : createClientWork();
        try {
            Ignite ignite = IgniteNode.start(config, clientWork);
            try {
                return new ClusterSharedState(config, ignite, clientWork);
            } catch (RuntimeException | Error e) {
                Ignition.stop(ignite.name(), true);
                throw e;
            }
        } catch (RuntimeException | Error e) {
            deleteClientWork(clientWork);
            throw e;
        }
    }

    private static Path createClientWork() {
        try {
            return Files.createTempDirectory("shared-state-cluster-client-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for the cluster client", e);
        }
    }

    private static void deleteClientWork(Path clientWork) {
        if (clientWork == null) {
            return;
        }
        try {
            MoreFiles.deleteRecursively(clientWork, RecursiveDeleteOption.ALLOW_INSECURE);
        } catch (IOException e) {
            ClusterLog.LOG.debug("could not delete the client's work directory {}: {}", clientWork, e.toString());
        }
    }

    KeyTransactions keys() {
        return keys;
    }

    /** This process's Ignite node, for tests that need to see the topology. */
    Ignite ignite() {
        return ignite;
    }

    /** Prunes this member's journal records now, as its timer does every 10 s; returns how many it deleted. */
    int pruneJournal() {
        return pruner == null ? 0 : pruner.prune();
    }

    boolean holdsLock(String name) {
        return holds.isHeldByCurrentThread(name);
    }

    /** Notes that the current thread was told it lost {@code name}'s lock, so that unlocking it says it no more. */
    void lockLossReported(String name) {
        holds.lossReported(name);
    }

    // ---- values

    @Override
    public Path directory() {
        if (!config.server()) {
            throw new UnsupportedOperationException("a cluster client keeps no data, so it has no directory");
        }
        return config.dataDirectory();
    }

    @Override
    public SharedLong longValue(String name) {
        return longValue(name, 0L);
    }

    @Override
    public SharedLong longValue(String name, long initial) {
        return attach(name, TypeCode.INT64, false, new long[] {initial}, ClusterLongHandle::new);
    }

    @Override
    public SharedInt intValue(String name) {
        return intValue(name, 0);
    }

    @Override
    public SharedInt intValue(String name, int initial) {
        return attach(name, TypeCode.INT32, false, new long[] {initial}, ClusterIntHandle::new);
    }

    @Override
    public SharedDouble doubleValue(String name) {
        return doubleValue(name, 0.0);
    }

    @Override
    public SharedDouble doubleValue(String name, double initial) {
        return attach(name, TypeCode.FLOAT64, false, new long[] {Double.doubleToRawLongBits(initial)},
                ClusterDoubleHandle::new);
    }

    @Override
    public SharedValue value(String name, char typecode, Number initial) {
        TypeCode type = TypeCode.of(typecode);
        return attach(name, type, false, new long[] {ValueCodec.fromNumber(type, initial)}, ClusterValueHandle::new);
    }

    @Override
    public SharedValue value(String name) {
        StoredValue entry = existing(name);
        if (entry.isArray()) {
            throw new TypeMismatchException("key \"" + name + "\" holds " + entry.describeShape()
                    + ", asked for a single value");
        }
        return new ClusterValueHandle(this, KeyNames.validate(name), entry);
    }

    // ---- arrays

    @Override
    public SharedLongArray longArray(String name, int length) {
        return longArray(name, new long[checkedLength(length)]);
    }

    @Override
    public SharedLongArray longArray(String name, long... initial) {
        return attach(name, TypeCode.INT64, true, checkedValues(initial.clone()), ClusterLongArrayHandle::new);
    }

    @Override
    public SharedIntArray intArray(String name, int length) {
        return intArray(name, new int[checkedLength(length)]);
    }

    @Override
    public SharedIntArray intArray(String name, int... initial) {
        return attach(name, TypeCode.INT32, true, checkedValues(Arrays.stream(initial).asLongStream().toArray()),
                ClusterIntArrayHandle::new);
    }

    @Override
    public SharedDoubleArray doubleArray(String name, int length) {
        return doubleArray(name, new double[checkedLength(length)]);
    }

    @Override
    public SharedDoubleArray doubleArray(String name, double... initial) {
        long[] canonical = Arrays.stream(initial).mapToLong(Double::doubleToRawLongBits).toArray();
        return attach(name, TypeCode.FLOAT64, true, checkedValues(canonical), ClusterDoubleArrayHandle::new);
    }

    @Override
    public SharedValueArray array(String name, char typecode, int length) {
        TypeCode type = TypeCode.of(typecode);
        long[] zeros = new long[checkedLength(length)];
        if (type.isFloatingPoint()) {
            Arrays.fill(zeros, ValueCodec.toCanonical(type, 0.0));
        }
        return attach(name, type, true, zeros, ClusterValueArrayHandle::new);
    }

    @Override
    public SharedValueArray array(String name, char typecode, Number... initial) {
        TypeCode type = TypeCode.of(typecode);
        Objects.requireNonNull(initial, "initial");
        checkedLength(initial.length);
        long[] canonical = Arrays.stream(initial).mapToLong(value -> ValueCodec.fromNumber(type, value)).toArray();
        return attach(name, type, true, canonical, ClusterValueArrayHandle::new);
    }

    @Override
    public SharedValueArray array(String name) {
        StoredValue entry = existing(name);
        if (!entry.isArray()) {
            throw new TypeMismatchException("key \"" + name + "\" holds " + entry.describeShape()
                    + ", asked for an array");
        }
        return new ClusterValueArrayHandle(this, KeyNames.validate(name), entry);
    }

    // ---- locks and keys

    @Override
    public SharedLock lock(String name) {
        return lockOf(anyHandle(name));
    }

    @Override
    public SharedLock lockInterruptibly(String name) throws InterruptedException {
        return lockOfInterruptibly(anyHandle(name));
    }

    @Override
    public Optional<SharedLock> tryLock(String name, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ClusterLock lock = new ClusterLock(anyHandle(name), holds);
        return lock.tryLock(timeout) ? Optional.of(lock) : Optional.empty();
    }

    SharedLock lockOf(ClusterHandle handle) {
        ClusterLock lock = new ClusterLock(handle, holds);
        lock.lock();
        return lock;
    }

    SharedLock lockOfInterruptibly(ClusterHandle handle) throws InterruptedException {
        ClusterLock lock = new ClusterLock(handle, holds);
        lock.lockInterruptibly();
        return lock;
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
        ScanQuery<String, StoredValue> scan = new ScanQuery<>(new NamePredicate(JournalFilter.prefix(prefix)));
        for (Cache.Entry<String, StoredValue> entry : caches.values().query(scan)) {
            names.add(entry.getKey());
        }
        return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public boolean contains(String name) {
        checkOpen();
        return keys.find(KeyNames.validate(name)) != null;
    }

    @Override
    public KeyInfo info(String name) {
        return info(KeyNames.validate(name), existing(name));
    }

    KeyInfo info(String name, StoredValue entry) {
        KeyInfo.Builder builder = KeyInfo.builder().name(name).typecode(entry.type())
                .createdAt(Instant.ofEpochMilli(entry.createdAtMillis())).lastWriterPid(entry.lastWriterPid())
                .journal(JournalMode.ON);
        if (entry.isArray()) {
            builder.array(entry.length());
        }
        LockOwner owner = entry.owner();
        if (owner != null) {
            builder.lock(owner.pid(), Instant.ofEpochMilli(owner.sinceMillis())).lockOwnerAlive(keys.isAlive(owner));
        }
        return builder.build();
    }

    @Override
    public boolean remove(String name) {
        checkWritable();
        String key = KeyNames.validate(name);
        boolean removed = keys.remove(key);
        holds.forget(key);
        return removed;
    }

    /**
     * Writes a checkpoint on every server member: acknowledged changes are already in the write-ahead log of a key's
     * primary and backups, which survives a process's death; after this they are in the data files too.
     */
    @Override
    public void sync() {
        checkOpen();
        ignite.compute(ignite.cluster().forServers()).broadcast(new CheckpointTask());
    }

    /** A cluster store journals every change in the change's own transaction; only {@link JournalMode#ON} exists. */
    @Override
    public SharedState withJournal(JournalMode mode) {
        throw new UnsupportedOperationException("a cluster store journals every change in the change's transaction;"
                + " journal mode " + mode + " is for local stores");
    }

    @Override
    public StoreSettings settings() {
        checkOpen();
        return new StoreSettings(Long.MAX_VALUE, MAX_ARRAY_LENGTH, config.dataRegionBytes(), JournalMode.ON,
                config.journalMaxRecords() * ClusterJournal.RECORD_BYTES, config.journalRetention(), Duration.ZERO,
                Set.of(), 0, openedAt, 1);
    }

    @Override
    public StoreStatistics statistics() {
        checkOpen();
        long keyCount = caches.values().sizeLong();
        List<StoreStatistics.LockInfo> locks = new ArrayList<>();
        Instant now = Instant.now();
        for (Cache.Entry<String, StoredValue> entry : caches.values().query(new ScanQuery<String, StoredValue>())) {
            LockOwner owner = entry.getValue().owner();
            if (owner != null) {
                locks.add(new StoreStatistics.LockInfo(entry.getKey(), owner.pid(), keys.isAlive(owner),
                        Duration.between(Instant.ofEpochMilli(owner.sinceMillis()), now)));
            }
        }
        List<String> problems = new ArrayList<>();
        if (!ignite.cluster().state().active()) {
            problems.add("the cluster is not active");
        }
        // One scan of the journal for both ends of its range.
        long[] versions = journal.versions();
        StoreStatistics.JournalInfo journalInfo = new StoreStatistics.JournalInfo(journal.bytesOnDisk(),
                settings().journalRetentionBytes(), versions[0], versions[1], 0, 0, 0, 0, 0,
                null);
        return new StoreStatistics(now, "cluster " + ignite.cluster().forServers().nodes().size() + " members",
                keyCount, 0, Long.MAX_VALUE, config.dataRegionBytes(), config.dataRegionBytes(), MAX_ARRAY_LENGTH * 8L,
                List.of(), List.of(), locks, 0, new StoreStatistics.IndexInfo(0, false, 0), journalInfo, problems);
    }

    @Override
    public Journal journal() {
        checkOpen();
        return journal;
    }

    @Override
    public Subscription watch(Consumer<ChangeEvent> listener) {
        return watch(JournalFilter.prefix(""), listener);
    }

    @Override
    public Subscription watch(String key, Consumer<ChangeEvent> listener) {
        return watch(JournalFilter.key(KeyNames.validate(key)), listener);
    }

    @Override
    public Subscription watchPrefix(String prefix, Consumer<ChangeEvent> listener) {
        return watch(JournalFilter.prefix(Objects.requireNonNull(prefix, "prefix")), listener);
    }

    private Subscription watch(JournalFilter filter, Consumer<ChangeEvent> listener) {
        checkOpen();
        Objects.requireNonNull(listener, "listener");
        return new ClusterWatch(caches, filter, listener, MicrosClock.system().nowMicros());
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Leaves the cluster: a server member hands its partitions' primaries to their backups first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pruner != null) {
            pruner.close();
        }
        Ignition.stop(ignite.name(), true);
        deleteClientWork(clientWork);
    }

    // ---- helpers

    void checkOpen() {
        if (closed) {
            throw new StoreClosedException("the cluster store is closed");
        }
    }

    void checkWritable() {
        checkOpen();
    }

    private <T> T attach(String name, TypeCode type, boolean array, long[] initial,
                         HandleFactory<T> factory) {
        checkOpen();
        String key = KeyNames.validate(name);
        StoredValue entry = keys.findOrCreate(key, type, array, initial);
        if (entry.type() != type || entry.isArray() != array || entry.length() != initial.length) {
            String asked = array ? "an array of " + initial.length + " " + type.describe() : type.describe();
            throw new TypeMismatchException("key \"" + key + "\" holds " + entry.describeShape() + ", asked for "
                    + asked);
        }
        return factory.create(this, key, entry);
    }

    private StoredValue existing(String name) {
        checkOpen();
        StoredValue entry = keys.find(KeyNames.validate(name));
        if (entry == null) {
            throw new NoSuchKeyException("no key named \"" + name + "\" in the cluster");
        }
        return entry;
    }

    private ClusterHandle anyHandle(String name) {
        StoredValue entry = existing(name);
        String key = KeyNames.validate(name);
        return entry.isArray() ? new ClusterValueArrayHandle(this, key, entry) : new ClusterValueHandle(this, key, entry);
    }

    private static int checkedLength(int length) {
        if (length < 1 || length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("array length must be 1 to " + MAX_ARRAY_LENGTH + ", was " + length);
        }
        return length;
    }

    private static long[] checkedValues(long[] values) {
        checkedLength(values.length);
        return values;
    }

    /** Makes a handle of one kind. */
    @FunctionalInterface
    private interface HandleFactory<T> {
        T create(ClusterSharedState owner, String name, StoredValue entry);
    }

    /** Returns {@code handle} if its key still exists, else a handle of the same kind to the key as it is now. */
    @SuppressWarnings("unchecked")
    <T> T reattach(ClusterHandle handle) {
        checkOpen();
        if (handle.isValid()) {
            return (T) handle;
        }
        long[] zeros = new long[handle.length];
        if (handle.type.isFloatingPoint()) {
            Arrays.fill(zeros, ValueCodec.toCanonical(handle.type, 0.0));
        }
        return (T) attach(handle.name, handle.type, handle.array, zeros, factoryOf(handle));
    }

    private static HandleFactory<?> factoryOf(ClusterHandle handle) {
        if (handle instanceof ClusterLongHandle) {
            return ClusterLongHandle::new;
        } else if (handle instanceof ClusterIntHandle) {
            return ClusterIntHandle::new;
        } else if (handle instanceof ClusterDoubleHandle) {
            return ClusterDoubleHandle::new;
        } else if (handle instanceof ClusterValueHandle) {
            return ClusterValueHandle::new;
        } else if (handle instanceof ClusterLongArrayHandle) {
            return ClusterLongArrayHandle::new;
        } else if (handle instanceof ClusterIntArrayHandle) {
            return ClusterIntArrayHandle::new;
        } else if (handle instanceof ClusterDoubleArrayHandle) {
            return ClusterDoubleArrayHandle::new;
        }
        return ClusterValueArrayHandle::new;
    }
}
