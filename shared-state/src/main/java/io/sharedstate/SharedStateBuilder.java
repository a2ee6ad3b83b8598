package io.sharedstate;

import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreConfig;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Opens a store with settings other than the defaults.
 *
 * <pre>{@code
 * SharedState state = SharedState.builder(dir)
 *         .capacity(100_000)
 *         .maxArrayLength(1 << 20)
 *         .journal(JournalMode.OFF)
 *         .open();
 * }</pre>
 *
 * <p>Most settings are the store's own, fixed when it is created: {@link #capacity}, {@link #maxArrayLength},
 * {@link #dataBytes}, the journal's retention and coalescing interval, {@link #filePermissions}. Opening an existing
 * store with other values for them logs a warning naming each one, or throws with {@link #strictSettings()};
 * {@link SharedState#settings()} shows what the store has. {@link #journal}, {@link #journalBufferBytes} and
 * {@link #readOnly} apply to the opening process whatever the store.
 */
public final class SharedStateBuilder {
    /** The default capacity in keys. */
    public static final long DEFAULT_CAPACITY = 16_384;
    /** The default maximum array length in elements. */
    public static final int DEFAULT_MAX_ARRAY_LENGTH = 16_384;
    /** The default cap on the journal's size on disk, in bytes. */
    public static final long DEFAULT_JOURNAL_RETENTION_BYTES = 1L << 30;
    /** The default age past which journal events are deleted. */
    public static final Duration DEFAULT_JOURNAL_RETENTION = Duration.ofDays(7);
    /** The default interval of {@link JournalMode#COALESCED} keys. */
    public static final Duration DEFAULT_JOURNAL_COALESCE_INTERVAL = Duration.ofMillis(100);
    /** The default room each process has for journal events not yet in the journal files, in bytes. */
    public static final int DEFAULT_JOURNAL_BUFFER_BYTES = 4 << 20;

    private static final long MAX_CAPACITY = 1L << 30;
    private static final int MAX_ARRAY_LENGTH = 1 << 24;
    private static final long MIN_RETENTION_BYTES = 16L << 20;
    private static final int MIN_BUFFER_BYTES = 64 << 10;
    private static final int MAX_BUFFER_BYTES = 1 << 30;

    private final Path directory;
    private long capacity = DEFAULT_CAPACITY;
    private int maxArrayLength = DEFAULT_MAX_ARRAY_LENGTH;
    private long dataBytes;
    private JournalMode journal = JournalMode.ON;
    private long journalRetentionBytes = DEFAULT_JOURNAL_RETENTION_BYTES;
    private Duration journalRetention = DEFAULT_JOURNAL_RETENTION;
    private Duration journalCoalesceInterval = DEFAULT_JOURNAL_COALESCE_INTERVAL;
    private int journalBufferBytes = DEFAULT_JOURNAL_BUFFER_BYTES;
    private Set<PosixFilePermission> filePermissions =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private final Set<String> explicit = new java.util.HashSet<>();
    private boolean readOnly;
    private boolean strict;

    SharedStateBuilder(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Sets how many keys the store holds at most; {@value #DEFAULT_CAPACITY} by default. A store setting.
     *
     * @param keys the most keys the store holds
     * @return this builder
     * @throws IllegalArgumentException if {@code keys} is not between 1 and 2<sup>30</sup>
     */
    public SharedStateBuilder capacity(long keys) {
        if (keys < 1 || keys > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY + " keys, was " + keys);
        }
        this.capacity = keys;
        explicit.add("capacity");
        return this;
    }

    /**
     * Sets the longest array the store can hold, in elements; {@value #DEFAULT_MAX_ARRAY_LENGTH} by default. A store
     * setting.
     *
     * @param elements the longest array, in elements
     * @return this builder
     * @throws IllegalArgumentException if {@code elements} is not between 1 and 2<sup>24</sup>
     */
    public SharedStateBuilder maxArrayLength(int elements) {
        if (elements < 1 || elements > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(
                    "maxArrayLength must be between 1 and " + MAX_ARRAY_LENGTH + " elements, was " + elements);
        }
        this.maxArrayLength = elements;
        explicit.add("maxArrayLength");
        return this;
    }

    /**
     * Sets how many bytes the store reserves for values, arrays included. By default: room for {@link #capacity}
     * single values and for a few dozen arrays of {@link #maxArrayLength} 8-byte elements. A store that holds many
     * large arrays needs more: about the sum of its arrays' sizes (length × element width) plus 128 bytes per key.
     * The file grows to this size as keys are created. A store setting.
     *
     * @param bytes the bytes reserved for values and arrays
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than 64 KiB
     */
    public SharedStateBuilder dataBytes(long bytes) {
        if (bytes < (64L << 10)) {
            throw new IllegalArgumentException("dataBytes must be at least 64 KiB, was " + bytes);
        }
        this.dataBytes = bytes;
        explicit.add("dataBytes");
        return this;
    }

    /**
     * Sets how keys created through this instance journal their changes; {@link JournalMode#ON} by default. Each
     * key keeps the setting it was created with; see also {@link SharedState#withJournal(JournalMode)}.
     *
     * @param mode the journal setting of keys this instance creates
     * @return this builder
     * @throws NullPointerException if {@code mode} is null
     */
    public SharedStateBuilder journal(JournalMode mode) {
        this.journal = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Sets the cap on the journal's size on disk; 1 GiB by default. The oldest events are deleted to stay under it,
     * at any write rate; a watcher that had not read them yet is told how many it missed. A store setting.
     *
     * @param bytes the most bytes the journal's files take
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than 16 MiB
     */
    public SharedStateBuilder journalRetentionBytes(long bytes) {
        if (bytes < MIN_RETENTION_BYTES) {
            throw new IllegalArgumentException("journalRetentionBytes must be at least 16 MiB, was " + bytes);
        }
        this.journalRetentionBytes = bytes;
        explicit.add("journalRetentionBytes");
        return this;
    }

    /**
     * Sets how long journal events are kept at most; 7 days by default. A store setting.
     *
     * @param age the age past which events are deleted
     * @return this builder
     * @throws IllegalArgumentException if {@code age} is shorter than a minute
     * @throws NullPointerException if {@code age} is null
     */
    public SharedStateBuilder journalRetention(Duration age) {
        if (Objects.requireNonNull(age, "age").compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("journalRetention must be at least a minute, was " + age);
        }
        this.journalRetention = age;
        explicit.add("journalRetention");
        return this;
    }

    /**
     * Sets the interval of {@link JournalMode#COALESCED} keys: at most one event per key per interval; 100 ms by
     * default. A store setting.
     *
     * @param interval the shortest time between two
     *         events of one coalesced key
     * @return this builder
     * @throws IllegalArgumentException if {@code interval} is not between 1 ms and 1 hour
     * @throws NullPointerException if {@code interval} is null
     */
    public SharedStateBuilder journalCoalesceInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofMillis(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("journalCoalesceInterval must be between 1 ms and 1 hour, was "
                    + interval);
        }
        this.journalCoalesceInterval = interval;
        explicit.add("journalCoalesceInterval");
        return this;
    }

    /**
     * Sets how many bytes of journal events this process can hold while the journal files catch up; 4 MiB by
     * default (about 80,000 events). When it is full, changes go on and the journal records them combined
     * ({@link ChangeEvent.Operation#COALESCED}) instead of one by one. Applies to this process.
     *
     * @param bytes the size of this process's staging ring
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not between 64 KiB and 1 GiB
     */
    public SharedStateBuilder journalBufferBytes(int bytes) {
        if (bytes < MIN_BUFFER_BYTES || bytes > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("journalBufferBytes must be between 64 KiB and 1 GiB, was " + bytes);
        }
        this.journalBufferBytes = bytes;
        return this;
    }

    /**
     * Sets the permissions of the files the store creates; owner read and write only by default. Directories get
     * the matching execute bits. Use {@code PosixFilePermissions.fromString("rw-rw----")} to share with a group.
     * A store setting.
     *
     * @param permissions the permissions of the store's files; copied
     * @return this builder
     * @throws IllegalArgumentException if the set lacks {@code OWNER_READ} or {@code OWNER_WRITE}
     * @throws NullPointerException if {@code permissions} is null
     */
    public SharedStateBuilder filePermissions(Set<PosixFilePermission> permissions) {
        Set<PosixFilePermission> copy = EnumSet.copyOf(Objects.requireNonNull(permissions, "permissions"));
        if (!copy.contains(PosixFilePermission.OWNER_READ) || !copy.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException("filePermissions must include owner read and write, were " + copy);
        }
        this.filePermissions = copy;
        explicit.add("filePermissions");
        return this;
    }

    /**
     * Opens the store read-only: it must exist, no value or key is created or changed, and every mutating method
     * throws {@link UnsupportedOperationException}. Needs only read permission on the store's files.
     *
     * @return this builder
     */
    public SharedStateBuilder readOnly() {
        this.readOnly = true;
        return this;
    }

    /**
     * Makes {@link #open()} throw {@link SharedStateException} when the store exists with other values for settings
     * this builder set explicitly, instead of logging a warning.
     *
     * @return this builder
     */
    public SharedStateBuilder strictSettings() {
        this.strict = true;
        return this;
    }

    /**
     * Opens the store, creating it if needed.
     *
     * @return the open store, to be closed
     * @throws StoreFormatException if the directory holds something that is not a valid store
     * @throws SharedStateException if the JVM lacks the flags the store needs, or (with {@link #strictSettings()})
     *         the store's settings differ from this builder's
     * @throws java.io.UncheckedIOException if the files cannot be created or read
     */
    public SharedState open() {
        StoreConfig config = new StoreConfig(directory, capacity, maxArrayLength, dataBytes, journal,
                journalRetentionBytes, journalRetention, journalCoalesceInterval, journalBufferBytes, filePermissions,
                Set.copyOf(explicit), readOnly, strict, false);
        return ChronicleSharedState.open(config);
    }
}
