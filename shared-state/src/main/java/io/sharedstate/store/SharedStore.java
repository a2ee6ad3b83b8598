package io.sharedstate.store;

import io.sharedstate.SharedStateException;
import io.sharedstate.StoreFormatException;
import io.sharedstate.internal.CurrentProcess;
import io.sharedstate.internal.IoFailures;
import io.sharedstate.internal.MicrosClock;
import io.sharedstate.journal.ChronicleJournal;
import io.sharedstate.journal.JournalHost;
import io.sharedstate.journal.JournalStaging;
import io.sharedstate.lock.HoldTable;
import io.sharedstate.lock.OwnerToken;
import io.sharedstate.lock.ProcessLocks;
import io.sharedstate.lock.ProcessRegistry;
import io.sharedstate.lock.Registration;
import io.sharedstate.lock.RobustLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources of one open store, shared by every {@link ChronicleSharedState} of this JVM on the same store: the
 * JVM's one channel to the header file and the OS locks on it, the header and its process table, this process's
 * registration, the key index, the journal and the maintenance thread. Reference-counted; released when the last
 * instance closes.
 *
 * <p>Closing never unmaps memory a thread might still be using: the map file's mapping is released by a cleaner
 * once this object (which every handle references) is unreachable, so an operation still running in another
 * thread at {@code close()} completes or throws {@link io.sharedstate.StoreClosedException}, and never crashes the
 * JVM.
 */
final class SharedStore implements JournalHost {
    private static final Logger LOG = LoggerFactory.getLogger(SharedStore.class);
    private static final Map<Object, SharedStore> OPEN = new HashMap<>();
    private static final Cleaner CLEANER = Cleaner.create();
    /** How long operations that passed their closed-check get to finish before this process's locks count dead. */
    private static final long CLOSE_GRACE_MILLIS = 50;

    private final Object fileKey;
    private final StoreFiles files;
    private final FileChannel channel;
    private final ProcessLocks locks;
    private final StoreHeader header;
    private final KeyIndex index;
    private final KeyCatalog catalog;
    private final DiskFullLatch diskFull;
    private final HoldTable holds = new HoldTable();
    private final RobustLock robustLock;
    private final MicrosClock clock = MicrosClock.system();
    private final int pid = CurrentProcess.pid();
    private final boolean writer;
    private final Registration registration;
    private final long processBits;
    private final ChronicleJournal journal;
    private final Set<EntryHandle> pendingFlushes = ConcurrentHashMap.newKeySet();
    private final HandleRegistry handles = new HandleRegistry();
    private final Maintenance maintenance;
    private volatile ChronicleSharedState maintenanceView;
    private volatile boolean closed;
    private int references;

    private SharedStore(Object fileKey, StoreFiles files, FileChannel channel, ProcessLocks locks, StoreHeader header,
                        boolean writer, StoreConfig config) {
        this.fileKey = fileKey;
        this.files = files;
        this.channel = channel;
        this.locks = locks;
        this.header = header;
        this.writer = writer;
        this.robustLock = new RobustLock(header.registry(), holds, () -> closed);
        this.registration = header.registry().register(writer ? ProcessRegistry.ROLE_WRITER
                : ProcessRegistry.ROLE_READER, writer ? config.journalBufferBytes() : 0, CurrentProcess.main());
        this.processBits = registration.processBits();
        KeyIndex opened = null;
        ChronicleJournal openedJournal = null;
        try {
            opened = KeyIndex.open(files.map(), sizing(), false);
            this.index = opened;
            this.catalog = new KeyCatalog(this, opened);
            this.diskFull = new DiskFullLatch(files.directory(), sizing().tierBytes());
            openedJournal = writer
                    ? ChronicleJournal.openForWriting(this, files.journal(), registration, config.journalBufferBytes())
                    : ChronicleJournal.openForReading(this, files.journal(), registration);
            this.journal = openedJournal;
        } catch (RuntimeException | Error e) {
            if (openedJournal != null) {
                openedJournal.close();
            }
            if (opened != null) {
                opened.close();
            }
            header.registry().unregister(registration);
            throw e;
        }
        KeyIndex mapToRelease = opened;
        CLEANER.register(this, mapToRelease::close);
        this.maintenance = new Maintenance(this);
    }

    /** Opens the store described by {@code config}, or shares the one this JVM already has open. */
    static SharedStore acquire(StoreConfig config) {
        Path directory = config.directory().toAbsolutePath().normalize();
        StoreFiles files = StoreFiles.in(directory);
        if (!config.readOnly()) {
            StoreCreation.ensureCreated(files, config);
        }
        requireHeader(files);
        synchronized (SharedStore.class) {
            Object key = fileKey(files.header());
            SharedStore store = OPEN.get(key);
            if (store == null || store.closed) {
                store = open(key, files, config);
                OPEN.put(key, store);
            } else {
                store.warnAboutSettings(config);
                if (!config.readOnly() && !store.writer) {
                    throw new SharedStateException("store " + directory + " is already open read-only in this JVM; "
                            + "close that first, or open it for writing first");
                }
            }
            store.references++;
            return store;
        }
    }

    private static SharedStore open(Object key, StoreFiles files, StoreConfig config) {
        boolean writer = !config.readOnly();
        FileChannel channel = openHeaderChannel(files, writer);
        boolean writable = writer || isWritable(files);
        if (!writer && writable) {
            closeQuietly(channel);
            channel = openHeaderChannel(files, true);
        }
        ProcessLocks locks = new ProcessLocks(channel, writable);
        try {
            if (!locks.holdOpen()) {
                throw new SharedStateException("store " + files.directory() + " is being recovered (shared-state "
                        + "recover holds it); open it again when that has finished");
            }
            if (!writable) {
                throw new SharedStateException("permission denied: " + files.header() + " is not writable by this "
                        + "user, and opening a store read-only without write permission is not supported yet");
            }
            StoreHeader header = StoreHeader.open(files.header(), locks, true);
            if (header.recoverInProgress() != 0 && !config.recovering()) {
                throw new SharedStateException("store " + files.directory() + ": a shared-state recover was "
                        + "interrupted before it finished; run it again: shared-state recover " + files.directory());
            }
            SharedStore store = new SharedStore(key, files, channel, locks, header, writer, config);
            store.warnAboutSettings(config);
            return store;
        } catch (RuntimeException | Error e) {
            locks.close();
            closeQuietly(channel);
            throw e instanceof SharedStateException ? (SharedStateException) e
                    : IoFailures.translate("opening the store", files.directory(), e);
        } catch (IOException e) {
            locks.close();
            closeQuietly(channel);
            throw IoFailures.translate("opening the store", files.directory(), e);
        }
    }

    private static void requireHeader(StoreFiles files) {
        Path header = files.header();
        if (!Files.exists(files.directory())) {
            throw new StoreFormatException(files.directory() + " is not a shared-state store: no such directory");
        }
        if (!Files.exists(header)) {
            throw new StoreFormatException(files.directory() + " is not a shared-state store: it has no "
                    + StoreFiles.HEADER);
        }
        if (!Files.isRegularFile(header)) {
            throw new StoreFormatException(header + " is not a regular file (a FIFO, a device or a directory); this "
                    + "is not a store a process can open: restore it from a backup");
        }
    }

    private static FileChannel openHeaderChannel(StoreFiles files, boolean writable) {
        try {
            return writable
                    ? FileChannel.open(files.header(), StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(files.header(), StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw new SharedStateException("permission denied: " + files.header() + " is not "
                    + (writable ? "readable and writable" : "readable") + " by this user; run as a user with access "
                    + "to the store" + (writable ? ", or open it read-only" : ""), e);
        } catch (NoSuchFileException e) {
            throw new StoreFormatException(files.directory() + " is not a shared-state store: it has no "
                    + StoreFiles.HEADER);
        } catch (IOException e) {
            throw IoFailures.translate("opening " + files.header(), files.directory(), e);
        }
    }

    private static boolean isWritable(StoreFiles files) {
        return Files.isWritable(files.header()) && Files.isWritable(files.map());
    }

    private static Object fileKey(Path header) {
        try {
            Object key = Files.readAttributes(header, BasicFileAttributes.class).fileKey();
            return key != null ? key : header.toRealPath();
        } catch (IOException e) {
            throw new StoreFormatException(header.getParent() + " is not a shared-state store: " + e.getMessage());
        }
    }

    /** Releases one reference; the last closes the store in this process. */
    void release() {
        synchronized (SharedStore.class) {
            if (--references > 0) {
                return;
            }
            OPEN.remove(fileKey, this);
        }
        maintenance.stop();
        try {
            maintenance.flushEverything();
            journal.close();
        } finally {
            closed = true;
            try {
                Thread.sleep(CLOSE_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            header.force();
            header.registry().unregister(registration);
            locks.close();
            closeQuietly(channel);
        }
    }

    // ---- for the store's classes

    long token() {
        return OwnerToken.of(processBits, Thread.currentThread());
    }

    boolean hasRegistration() {
        return registration != null;
    }

    /** Returns whether this process may repair a key a dead process left mid-change: it can write and journal. */
    boolean canRepair() {
        return writer;
    }

    boolean isWriter() {
        return writer;
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

    HoldTable holds() {
        return holds;
    }

    @Override
    public ProcessRegistry registry() {
        return header.registry();
    }

    @Override
    public ProcessLocks locks() {
        return locks;
    }

    StoreHeader header() {
        return header;
    }

    KeyIndex index() {
        return index;
    }

    /** Returns the latch that refuses key creations at once while the disk is full. */
    DiskFullLatch diskFull() {
        return diskFull;
    }

    KeyCatalog catalog() {
        return catalog;
    }

    StoreFiles files() {
        return files;
    }

    ChronicleJournal journal() {
        return journal;
    }

    JournalStaging staging() {
        return journal.staging();
    }

    Registration registration() {
        return registration;
    }

    MapSizing sizing() {
        return MapSizing.of(header.capacity(), header.maxArrayLength(), header.dataBytes());
    }

    Maintenance maintenance() {
        return maintenance;
    }

    /** Adopts the pending changes a dead process left in key {@code name}, for maintenance to journal. */
    void adoptPending(String name) {
        ChronicleSharedState view = maintenanceView;
        if (view == null) {
            view = ChronicleSharedState.forMaintenance(this);
            maintenanceView = view;
        }
        view.adoptPending(name);
    }

    Set<EntryHandle> pendingFlushes() {
        return pendingFlushes;
    }

    /** Remembers a handle, so that it can be retired once its key is removed. */
    void track(EntryHandle handle) {
        handles.add(handle);
    }

    /** Returns this process's handles. */
    HandleRegistry handles() {
        return handles;
    }

    long coalesceIntervalMillis() {
        return header.coalesceInterval().toMillis();
    }

    boolean isDrained(int ring, long position) {
        return journal.isDrained(ring, position);
    }

    void countLockRecovery(String name) {
        header.countLockRecovery();
        header.registry().countLockRecovery(registration);
        LOG.warn("took over the lock of key \"{}\" in {} from a process that died holding it", name,
                files.directory());
    }

    // ---- JournalHost

    @Override
    public Path directory() {
        return files.directory();
    }

    @Override
    public Set<PosixFilePermission> filePermissions() {
        return header.filePermissions();
    }

    @Override
    public long retentionBytes() {
        return header.retentionBytes();
    }

    @Override
    public Duration retention() {
        return header.retention();
    }

    @Override
    public long journalClock() {
        return header.journalClock();
    }

    @Override
    public void setJournalClock(long millis) {
        header.setJournalClock(millis);
    }

    @Override
    public void setDrainerPid(int drainerPid) {
        header.setDrainerPid(drainerPid);
    }

    @Override
    public void addDrained(long events) {
        header.addJournalDrained(events);
    }

    @Override
    public void addLost(long events) {
        header.addJournalLost(events);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean hasUnjournaledChanges() {
        for (io.sharedstate.lock.ProcessRecord process : header.registry().processes()) {
            if (!process.alive()) {
                return true;
            }
        }
        boolean[] pending = new boolean[1];
        catalog.forEach("", (name, base) -> pending[0] |= new EntryView(base).pending() > 0);
        return pending[0];
    }

    // ---- settings

    private void warnAboutSettings(StoreConfig config) {
        List<String> differences = new ArrayList<>();
        Set<String> explicit = config.explicit();
        differ(differences, explicit, "capacity", config.capacity(), header.capacity());
        differ(differences, explicit, "maxArrayLength", config.maxArrayLength(), header.maxArrayLength());
        differ(differences, explicit, "dataBytes", config.dataBytes(), header.dataBytes());
        differ(differences, explicit, "journalRetentionBytes", config.journalRetentionBytes(),
                header.retentionBytes());
        differ(differences, explicit, "journalRetention", config.journalRetention(), header.retention());
        differ(differences, explicit, "journalCoalesceInterval", config.journalCoalesceInterval(),
                header.coalesceInterval());
        differ(differences, explicit, "filePermissions",
                java.nio.file.attribute.PosixFilePermissions.toString(config.filePermissions()),
                java.nio.file.attribute.PosixFilePermissions.toString(header.filePermissions()));
        if (differences.isEmpty()) {
            return;
        }
        String message = "store " + files.directory() + " exists with other settings than asked for, which apply only "
                + "when a store is created: " + String.join("; ", differences);
        if (config.strict()) {
            throw new SharedStateException(message + " (strictSettings)");
        }
        LOG.warn(message);
    }

    private static void differ(List<String> differences, Set<String> explicit, String name, Object asked, Object has) {
        if (explicit.contains(name) && !asked.equals(has)) {
            differences.add(name + " " + asked + " was asked for, the store has " + has);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the locks go with the descriptor
        }
    }
}
