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

    /** Returns a builder with the settings given; for the auto-configuration and for applications' own stores. */
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

    public Path getDirectory() {
        return directory;
    }

    public void setDirectory(Path directory) {
        this.directory = directory;
    }

    public Long getCapacity() {
        return capacity;
    }

    public void setCapacity(Long capacity) {
        this.capacity = capacity;
    }

    public Integer getMaxArrayLength() {
        return maxArrayLength;
    }

    public void setMaxArrayLength(Integer maxArrayLength) {
        this.maxArrayLength = maxArrayLength;
    }

    public DataSize getDataBytes() {
        return dataBytes;
    }

    public void setDataBytes(DataSize dataBytes) {
        this.dataBytes = dataBytes;
    }

    public JournalMode getJournal() {
        return journal;
    }

    public void setJournal(JournalMode journal) {
        this.journal = journal;
    }

    public DataSize getJournalRetentionBytes() {
        return journalRetentionBytes;
    }

    public void setJournalRetentionBytes(DataSize journalRetentionBytes) {
        this.journalRetentionBytes = journalRetentionBytes;
    }

    public Duration getJournalRetention() {
        return journalRetention;
    }

    public void setJournalRetention(Duration journalRetention) {
        this.journalRetention = journalRetention;
    }

    public Duration getJournalCoalesceInterval() {
        return journalCoalesceInterval;
    }

    public void setJournalCoalesceInterval(Duration journalCoalesceInterval) {
        this.journalCoalesceInterval = journalCoalesceInterval;
    }

    public DataSize getJournalBufferBytes() {
        return journalBufferBytes;
    }

    public void setJournalBufferBytes(DataSize journalBufferBytes) {
        this.journalBufferBytes = journalBufferBytes;
    }

    public String getFilePermissions() {
        return filePermissions;
    }

    public void setFilePermissions(String filePermissions) {
        this.filePermissions = filePermissions;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public boolean isStrictSettings() {
        return strictSettings;
    }

    public void setStrictSettings(boolean strictSettings) {
        this.strictSettings = strictSettings;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** The {@code sharedstate.metrics.*} properties. */
    public static class Metrics {
        /** Single-value keys exported as the gauge sharedstate.value{key=...}. */
        private List<String> keys = new ArrayList<>();
        /** How long one reading of the store's statistics serves all meters. */
        private Duration maxAge = Duration.ofSeconds(1);

        public List<String> getKeys() {
            return keys;
        }

        public void setKeys(List<String> keys) {
            this.keys = keys;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
