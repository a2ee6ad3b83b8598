package io.sharedstate;

import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreConfig;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Opens a store with settings other than the defaults. Sizing settings apply when the store is created; an
 * existing store keeps the settings it was created with.
 *
 * <pre>{@code
 * SharedState state = SharedState.builder(dir)
 *         .capacity(100_000)
 *         .maxArrayLength(1 << 20)
 *         .journal(JournalMode.OFF)
 *         .open();
 * }</pre>
 */
public final class SharedStateBuilder {
    /** The default capacity in keys. */
    public static final long DEFAULT_CAPACITY = 16_384;
    /** The default maximum array length in elements. */
    public static final int DEFAULT_MAX_ARRAY_LENGTH = 16_384;
    /** The default number of daily journal files kept. */
    public static final int DEFAULT_JOURNAL_RETENTION_DAYS = 7;
    /** The default cap on the journal's size on disk, in bytes. */
    public static final long DEFAULT_JOURNAL_RETENTION_BYTES = 1L << 30;

    private static final long MAX_CAPACITY = 1L << 30;
    private static final int MAX_ARRAY_LENGTH = 1 << 24;

    private final Path directory;
    private long capacity = DEFAULT_CAPACITY;
    private int maxArrayLength = DEFAULT_MAX_ARRAY_LENGTH;
    private JournalMode journal = JournalMode.ON;
    private int journalRetentionDays = DEFAULT_JOURNAL_RETENTION_DAYS;
    private long journalRetentionBytes = DEFAULT_JOURNAL_RETENTION_BYTES;
    private Set<PosixFilePermission> filePermissions =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private boolean readOnly;

    SharedStateBuilder(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Sets how many keys the store holds at most, when it is created. The default is {@value #DEFAULT_CAPACITY}.
     *
     * @throws IllegalArgumentException if {@code keys} is not between 1 and 2<sup>30</sup>
     */
    public SharedStateBuilder capacity(long keys) {
        if (keys < 1 || keys > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY + " keys, was " + keys);
        }
        this.capacity = keys;
        return this;
    }

    /**
     * Sets the longest array the store can hold, in elements, when it is created. The default is
     * {@value #DEFAULT_MAX_ARRAY_LENGTH}; larger values make the store's file larger.
     *
     * @throws IllegalArgumentException if {@code elements} is not between 1 and 2<sup>24</sup>
     */
    public SharedStateBuilder maxArrayLength(int elements) {
        if (elements < 1 || elements > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(
                    "maxArrayLength must be between 1 and " + MAX_ARRAY_LENGTH + " elements, was " + elements);
        }
        this.maxArrayLength = elements;
        return this;
    }

    /**
     * Sets whether keys created through this instance journal their changes; {@link JournalMode#ON} by default.
     * Each key keeps the setting it was created with; see also {@link SharedState#withJournal(JournalMode)}.
     */
    public SharedStateBuilder journal(JournalMode mode) {
        this.journal = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Sets how many daily journal files are kept, when the store is created; {@value #DEFAULT_JOURNAL_RETENTION_DAYS}
     * by default. Older files are deleted once no process is reading them.
     *
     * @throws IllegalArgumentException if {@code days} is less than 1
     */
    public SharedStateBuilder journalRetentionDays(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("journalRetentionDays must be at least 1, was " + days);
        }
        this.journalRetentionDays = days;
        return this;
    }

    /**
     * Sets the cap on the journal's size on disk, when the store is created; 1 GiB by default. When the journal
     * exceeds it, the oldest daily files no process is reading are deleted; the current day's file is kept.
     *
     * @throws IllegalArgumentException if {@code bytes} is less than 1 MiB
     */
    public SharedStateBuilder journalRetentionBytes(long bytes) {
        if (bytes < (1L << 20)) {
            throw new IllegalArgumentException("journalRetentionBytes must be at least 1 MiB, was " + bytes);
        }
        this.journalRetentionBytes = bytes;
        return this;
    }

    /**
     * Sets the permissions of the files the store creates; owner read and write only by default. Directories get
     * the matching execute bits. Use {@code PosixFilePermissions.fromString("rw-rw----")} to share with a group.
     *
     * @throws IllegalArgumentException if the set lacks {@code OWNER_READ} or {@code OWNER_WRITE}
     */
    public SharedStateBuilder filePermissions(Set<PosixFilePermission> permissions) {
        Set<PosixFilePermission> copy = EnumSet.copyOf(Objects.requireNonNull(permissions, "permissions"));
        if (!copy.contains(PosixFilePermission.OWNER_READ) || !copy.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException("filePermissions must include owner read and write, were " + copy);
        }
        this.filePermissions = copy;
        return this;
    }

    /**
     * Opens the store read-only: it must exist, nothing is created or changed, and every mutating method throws
     * {@link UnsupportedOperationException}. Used by tools that inspect a live store.
     */
    public SharedStateBuilder readOnly() {
        this.readOnly = true;
        return this;
    }

    /**
     * Opens the store, creating it if needed.
     *
     * @throws StoreFormatException if the directory holds something that is not a valid store
     * @throws java.io.UncheckedIOException if the files cannot be created or read
     */
    public SharedState open() {
        StoreConfig config = new StoreConfig(directory, capacity, maxArrayLength, journal, journalRetentionDays,
                journalRetentionBytes, filePermissions, readOnly);
        return ChronicleSharedState.open(config);
    }
}
