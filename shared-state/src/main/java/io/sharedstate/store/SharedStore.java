package io.sharedstate.store;

import io.sharedstate.StoreFormatException;
import io.sharedstate.internal.MicrosClock;
import io.sharedstate.journal.ChronicleJournal;
import io.sharedstate.lock.ProcessLiveness;
import io.sharedstate.lock.OwnerToken;
import io.sharedstate.lock.ProcessRegistry;
import io.sharedstate.lock.Registration;
import io.sharedstate.lock.RobustLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The resources of one open store, shared by every {@link ChronicleSharedState} of this JVM on the same
 * directory: the header and its process table, the key index, the journal, this process's registration and
 * the OS file lock. Reference-counted; released when the last instance closes.
 */
final class SharedStore {
    private static final Logger LOG = LoggerFactory.getLogger(SharedStore.class);
    private static final Map<Path, SharedStore> OPEN = new HashMap<>();
    private static final Set<String> STORE_FILE_NAMES =
            Set.of(StoreFiles.HEADER, StoreFiles.LOCK, StoreFiles.MAP, StoreFiles.JOURNAL);
    private static final long CLOSE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Path key;
    private final StoreFiles files;
    private final StoreHeader header;
    private final KeyIndex index;
    private final Optional<StoreFileLock> fileLock;
    private final RobustLock robustLock;
    private final MicrosClock clock = MicrosClock.system();
    private final int pid = ProcessLiveness.currentPid();
    private final ChronicleJournal journal;
    private volatile Registration registration;
    private volatile long processBits;
    private volatile boolean closed;
    private int references;

    private SharedStore(Path key, StoreFiles files, StoreHeader header, KeyIndex index,
                        Optional<StoreFileLock> fileLock, Registration registration, ChronicleJournal journal) {
        this.key = key;
        this.files = files;
        this.header = header;
        this.index = index;
        this.fileLock = fileLock;
        this.registration = registration;
        this.processBits = registration == null ? 0 : registration.processBits();
        this.journal = journal;
        this.robustLock = new RobustLock(header.registry(), () -> closed);
    }

    /** Opens the store described by {@code config}, or shares the one this JVM already has open. */
    static synchronized SharedStore acquire(StoreConfig config) {
        Path directory = config.directory().toAbsolutePath().normalize();
        if (!config.readOnly()) {
            prepareDirectory(StoreFiles.in(directory), config);
        } else if (!Files.isDirectory(directory)) {
            throw new StoreFormatException(directory + " is not a shared-state store: no such directory");
        }
        Path key = realPath(directory);
        SharedStore store = OPEN.get(key);
        if (store == null) {
            store = config.readOnly() ? openReadOnly(key) : openWritable(key, config);
            OPEN.put(key, store);
        } else if (!config.readOnly()) {
            store.ensureRegistered();
        }
        store.references++;
        return store;
    }

    private static SharedStore openWritable(Path directory, StoreConfig config) {
        StoreFiles files = StoreFiles.in(directory);
        boolean newLockFile = !Files.exists(files.lock());
        StoreFileLock fileLock = StoreFileLock.shared(files.lock(), () -> Files.exists(files.header()),
                () -> createStore(files, config));
        if (newLockFile) {
            StoreFiles.restrict(files.lock(), config.filePermissions());
        }
        StoreHeader header = null;
        Registration registration = null;
        KeyIndex index = null;
        try {
            header = StoreHeader.open(files.header(), false);
            registration = header.registry().register();
            index = KeyIndex.open(files.map(), header, registration, false);
            ChronicleJournal journal = ChronicleJournal.open(files.journal(), header.retentionDays(),
                    header.retentionBytes(), header.registry(), registration);
            SharedStore store = new SharedStore(directory, files, header, index, Optional.of(fileLock),
                    registration, journal);
            store.purgeTombstones();
            return store;
        } catch (RuntimeException e) {
            if (index != null) {
                index.close();
            }
            if (registration != null) {
                header.registry().unregister(registration);
            }
            fileLock.close();
            throw e;
        }
    }

    private static SharedStore openReadOnly(Path directory) {
        StoreFiles files = StoreFiles.in(directory);
        if (!Files.exists(files.header())) {
            throw new StoreFormatException(directory + " is not a shared-state store: " + StoreFiles.HEADER
                    + " is missing");
        }
        Optional<StoreFileLock> fileLock = StoreFileLock.sharedReadOnly(files.lock());
        try {
            StoreHeader header = StoreHeader.open(files.header(), false);
            KeyIndex index = KeyIndex.open(files.map(), header, null, false);
            ChronicleJournal journal = ChronicleJournal.openReadOnly(files.journal(), header.registry());
            return new SharedStore(directory, files, header, index, fileLock, null, journal);
        } catch (RuntimeException e) {
            fileLock.ifPresent(StoreFileLock::close);
            throw e;
        }
    }

    /** Creates the map, then the header: a header's presence means the store is complete. */
    private static void createStore(StoreFiles files, StoreConfig config) {
        boolean newMap = !Files.exists(files.map());
        try {
            Files.deleteIfExists(files.header().resolveSibling(StoreFiles.HEADER + ".new"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + files.header() + ": " + e.getMessage(), e);
        }
        StoreHeader.create(files.header().resolveSibling(StoreFiles.HEADER + ".new"), config);
        try (StoreHeader draft = StoreHeader.open(files.header().resolveSibling(StoreFiles.HEADER + ".new"), false);
             KeyIndex index = KeyIndex.open(files.map(), draft, null, true)) {
            LOG.debug("created map {} with {} segments", index.file(), index.segments());
        }
        if (newMap) {
            StoreFiles.restrict(files.map(), config.filePermissions());
        }
        StoreFiles.createDirectory(files.journal(), config.filePermissions());
        try {
            Files.move(files.header().resolveSibling(StoreFiles.HEADER + ".new"), files.header());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + files.header() + ": " + e.getMessage(), e);
        }
        LOG.info("created shared-state store {}", files.directory());
    }

    private static void prepareDirectory(StoreFiles files, StoreConfig config) {
        if (Files.exists(files.header())) {
            return;
        }
        if (Files.exists(files.directory()) && !Files.isDirectory(files.directory())) {
            throw new StoreFormatException(files.directory() + " is not a shared-state store: it is a file");
        }
        if (!files.isAbsentOrEmpty() && !holdsOnlyStoreFiles(files.directory())) {
            throw new StoreFormatException(files.directory() + " is not a shared-state store: it holds other "
                    + "files and no " + StoreFiles.HEADER + "; open a new or empty directory");
        }
        StoreFiles.createDirectory(files.directory(), config.filePermissions());
    }

    private static boolean holdsOnlyStoreFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString())
                    .allMatch(name -> STORE_FILE_NAMES.contains(name) || name.startsWith(StoreFiles.HEADER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new StoreFormatException(directory + " is not a shared-state store: " + e.getMessage());
        }
    }

    private synchronized void ensureRegistered() {
        if (registration == null) {
            Registration claimed = header.registry().register();
            index.setRegistration(claimed);
            journal.setRegistration(claimed);
            processBits = claimed.processBits();
            registration = claimed;
        }
    }

    /** Releases one reference; the last closes the files. */
    void release() {
        synchronized (SharedStore.class) {
            if (--references > 0) {
                return;
            }
            OPEN.remove(key);
        }
        closed = true;
        // Operations that passed their closed-check just before close() finish within this grace.
        LockSupport.parkNanos(CLOSE_GRACE_NANOS);
        journal.close();
        index.close();
        Registration claimed = registration;
        if (claimed != null) {
            header.registry().unregister(claimed);
        }
        fileLock.ifPresent(StoreFileLock::close);
    }

    /** Reclaims tombstones no live process can hold a handle to. */
    private void purgeTombstones() {
        if (header.tombstones() <= 0) {
            return;
        }
        long oldestLive = header.registry().oldestLiveRegistration();
        List<String> purgeable = new ArrayList<>();
        index.forEach("", (name, base) -> {
            EntryView entry = new EntryView(base);
            if (entry.isRemoved() && entry.removedAtRegistration() < oldestLive) {
                purgeable.add(name);
            }
        });
        for (String name : purgeable) {
            index.write(name, cursor -> {
                long base = cursor.base();
                if (base != 0 && new EntryView(base).isRemoved()) {
                    cursor.remove();
                    header.addTombstones(-1);
                }
                return null;
            });
        }
        if (!purgeable.isEmpty()) {
            LOG.debug("reclaimed {} removed keys in {}", purgeable.size(), files.directory());
        }
    }

    long token() {
        return OwnerToken.of(processBits, Thread.currentThread());
    }

    int pid() {
        return pid;
    }

    MicrosClock clock() {
        return clock;
    }

    RobustLock robustLock() {
        return robustLock;
    }

    ProcessRegistry registry() {
        return header.registry();
    }

    StoreHeader header() {
        return header;
    }

    KeyIndex index() {
        return index;
    }

    StoreFiles files() {
        return files;
    }

    /** Returns the journal: the writer handles use, and the reader behind {@code state.journal()}. */
    ChronicleJournal journal() {
        return journal;
    }

    Registration registration() {
        return registration;
    }

    boolean isClosed() {
        return closed;
    }

    void countLockRecovery(String name) {
        header.countLockRecovery();
        Registration claimed = registration;
        if (claimed != null) {
            header.registry().countLockRecovery(claimed);
        }
        LOG.warn("took over the lock of key \"{}\" in {} from a process that died holding it", name,
                files.directory());
    }
}
