package io.sharedstate.spring;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedState;
import io.sharedstate.SharedStateBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sharedstate.*} properties: the store's directory and the {@link SharedStateBuilder} settings, each left
 * to the builder's default when not set. The store is opened only when {@code sharedstate.directory} is set.
 */
@ConfigurationProperties(prefix = "sharedstate")
public class SharedStateProperties {
    /** The store's directory; created with the store if it does not exist. */
    private Path directory;
    /** The most keys the store holds (a store setting). */
    private Long capacity;
    /** The longest array the store can hold, in elements (a store setting). */
    private Integer maxArrayLength;
    /** The bytes reserved for values, arrays included, such as 64MB (a store setting). */
    private DataSize dataBytes;
    /** How keys created by this application journal their changes: ON, COALESCED or OFF. */
    private JournalMode journal;
    /** The cap on the journal's size on disk, such as 1GB (a store setting). */
    private DataSize journalRetentionBytes;
    /** How long journal events are kept at most, such as 7d (a store setting). */
    private Duration journalRetention;
    /** At most one event per COALESCED key per this interval, such as 100ms (a store setting). */
    private Duration journalCoalesceInterval;
    /** The journal events this process can hold while the journal files catch up, such as 4MB. */
    private DataSize journalBufferBytes;
    /** The permissions of the files the store creates, as ls prints them, such as rw-rw---- (a store setting). */
    private String filePermissions;
    /** Open the store read-only: it must exist and this application changes nothing. */
    private boolean readOnly;
    /** Fail at start-up when the store exists with other values for the settings given here. */
    private boolean strictSettings;
    private final Metrics metrics = new Metrics();

    /**
     * Returns a builder with the settings given; for the auto-configuration and for applications' own stores.
     *
     * @return a new builder for {@link #getDirectory()}, with every setting that is not null
     * @throws IllegalStateException if the directory is not set
     */
    public SharedStateBuilder toBuilder() {
        if (directory == null) {
            throw new IllegalStateException("sharedstate.directory is not set: set it to the store's directory");
        }
        SharedStateBuilder builder = SharedState.builder(directory);
        if (capacity != null) {
            builder.capacity(capacity);
        }
        if (maxArrayLength != null) {
            builder.maxArrayLength(maxArrayLength);
        }
        if (dataBytes != null) {
            builder.dataBytes(dataBytes.toBytes());
        }
        if (journal != null) {
            builder.journal(journal);
        }
        if (journalRetentionBytes != null) {
            builder.journalRetentionBytes(journalRetentionBytes.toBytes());
        }
        if (journalRetention != null) {
            builder.journalRetention(journalRetention);
        }
        if (journalCoalesceInterval != null) {
            builder.journalCoalesceInterval(journalCoalesceInterval);
        }
        if (journalBufferBytes != null) {
            builder.journalBufferBytes(Math.toIntExact(journalBufferBytes.toBytes()));
        }
        if (filePermissions != null) {
            builder.filePermissions(PosixFilePermissions.fromString(filePermissions));
        }
        if (readOnly) {
            builder.readOnly();
        }
        if (strictSettings) {
            builder.strictSettings();
        }
        return builder;
    }

    /**
     * Returns the store's directory.
     *
     * @return the directory, or null if it is not set (and then no store is opened)
     */
    public Path getDirectory() {
        return directory;
    }

    /**
     * Sets the store's directory.
     *
     * @param directory the store's directory; created with the store if it does not exist
     */
    public void setDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * Returns the most keys the store holds.
     *
     * @return the number of keys, or null for the builder's default ({@value SharedStateBuilder#DEFAULT_CAPACITY})
     */
    public Long getCapacity() {
        return capacity;
    }

    /**
     * Sets the most keys the store holds.
     *
     * @param capacity the number of keys, or null for the builder's default
     */
    public void setCapacity(Long capacity) {
        this.capacity = capacity;
    }

    /**
     * Returns the longest array the store can hold, in elements.
     *
     * @return the number of elements, or null for the builder's default
     *         ({@value SharedStateBuilder#DEFAULT_MAX_ARRAY_LENGTH})
     */
    public Integer getMaxArrayLength() {
        return maxArrayLength;
    }

    /**
     * Sets the longest array the store can hold, in elements.
     *
     * @param maxArrayLength the number of elements, or null for the builder's default
     */
    public void setMaxArrayLength(Integer maxArrayLength) {
        this.maxArrayLength = maxArrayLength;
    }

    /**
     * Returns the bytes reserved for values, arrays included.
     *
     * @return the size, such as {@code 64MB}, or null for the builder's default (sized from the capacity and the
     *         longest array)
     */
    public DataSize getDataBytes() {
        return dataBytes;
    }

    /**
     * Sets the bytes reserved for values, arrays included.
     *
     * @param dataBytes the size, such as {@code 64MB}, or null for the builder's default
     */
    public void setDataBytes(DataSize dataBytes) {
        this.dataBytes = dataBytes;
    }

    /**
     * Returns the journal setting of keys this application creates.
     *
     * @return the mode, or null for the builder's default ({@link JournalMode#ON})
     */
    public JournalMode getJournal() {
        return journal;
    }

    /**
     * Sets the journal setting of keys this application creates.
     *
     * @param journal the mode, or null for the builder's default
     */
    public void setJournal(JournalMode journal) {
        this.journal = journal;
    }

    /**
     * Returns the cap on the journal's size on disk.
     *
     * @return the size, such as {@code 1GB}, or null for the builder's default (1 GiB)
     */
    public DataSize getJournalRetentionBytes() {
        return journalRetentionBytes;
    }

    /**
     * Sets the cap on the journal's size on disk.
     *
     * @param journalRetentionBytes the size, such as {@code 1GB}, or null for the builder's default
     */
    public void setJournalRetentionBytes(DataSize journalRetentionBytes) {
        this.journalRetentionBytes = journalRetentionBytes;
    }

    /**
     * Returns how long journal events are kept at most.
     *
     * @return the age, such as {@code 7d}, or null for the builder's default (7 days)
     */
    public Duration getJournalRetention() {
        return journalRetention;
    }

    /**
     * Sets how long journal events are kept at most.
     *
     * @param journalRetention the age, such as {@code 7d}, or null for the builder's default
     */
    public void setJournalRetention(Duration journalRetention) {
        this.journalRetention = journalRetention;
    }

    /**
     * Returns the interval of COALESCED keys.
     *
     * @return the interval, such as {@code 100ms}, or null for the builder's default (100 ms)
     */
    public Duration getJournalCoalesceInterval() {
        return journalCoalesceInterval;
    }

    /**
     * Sets the interval of COALESCED keys.
     *
     * @param journalCoalesceInterval the interval, such as {@code 100ms}, or null for the builder's default
     */
    public void setJournalCoalesceInterval(Duration journalCoalesceInterval) {
        this.journalCoalesceInterval = journalCoalesceInterval;
    }

    /**
     * Returns the room this process has for journal events not yet in the journal files.
     *
     * @return the size, such as {@code 4MB}, at most 1 GiB, or null for the builder's default (4 MiB)
     */
    public DataSize getJournalBufferBytes() {
        return journalBufferBytes;
    }

    /**
     * Sets the room this process has for journal events not yet in the journal files.
     *
     * @param journalBufferBytes the size, such as {@code 4MB}, at most 1 GiB, or null for the builder's default
     */
    public void setJournalBufferBytes(DataSize journalBufferBytes) {
        this.journalBufferBytes = journalBufferBytes;
    }

    /**
     * Returns the permissions of the files the store creates, such as {@code rw-rw----}.
     *
     * @return the permissions as {@code ls} prints them, or null for the builder's default (owner read and write
     *         only)
     */
    public String getFilePermissions() {
        return filePermissions;
    }

    /**
     * Sets the permissions of the files the store creates, such as {@code rw-rw----}.
     *
     * @param filePermissions the permissions as {@code ls} prints them, or null for the builder's default
     */
    public void setFilePermissions(String filePermissions) {
        this.filePermissions = filePermissions;
    }

    /**
     * Returns whether the store is opened read-only.
     *
     * @return true if it is; false unless set
     */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Sets whether the store is opened read-only.
     *
     * @param readOnly true to open the store read-only: it must exist and nothing is changed
     */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /**
     * Returns whether start-up fails when the store exists with other values for the settings given here.
     *
     * @return true if it does; false unless set, and then a warning is logged
     */
    public boolean isStrictSettings() {
        return strictSettings;
    }

    /**
     * Sets whether start-up fails when the store exists with other values for the settings given here.
     *
     * @param strictSettings true to fail rather than log a warning
     */
    public void setStrictSettings(boolean strictSettings) {
        this.strictSettings = strictSettings;
    }

    /**
     * Returns the {@code sharedstate.metrics.*} properties.
     *
     * @return the metrics properties, never null
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /** The {@code sharedstate.metrics.*} properties. */
    public static class Metrics {
        /** Single-value keys exported as the gauge sharedstate.value{key=...}. */
        private List<String> keys = new ArrayList<>();
        /** How long one reading of the store's statistics serves all meters. */
        private Duration maxAge = Duration.ofSeconds(1);

        /**
         * Returns the single-value keys exported as the gauge {@code sharedstate.value{key=...}}.
         *
         * @return the keys' names, a modifiable list; empty unless set
         */
        public List<String> getKeys() {
            return keys;
        }

        /**
         * Sets the single-value keys exported as the gauge {@code sharedstate.value{key=...}}.
         *
         * @param keys the keys' names
         */
        public void setKeys(List<String> keys) {
            this.keys = keys;
        }

        /**
         * Returns how long one reading of the store's statistics serves all meters.
         *
         * @return the age; one second unless set
         */
        public Duration getMaxAge() {
            return maxAge;
        }

        /**
         * Sets how long one reading of the store's statistics serves all meters.
         *
         * @param maxAge the age, not negative, such as {@code 5s}
         */
        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
