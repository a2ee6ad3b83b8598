package io.sharedstate;

import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The settings a store has, fixed when it was created; see {@link SharedState#settings()}. A builder that opens an
 * existing store with other values for them is told (see {@link SharedStateBuilder#strictSettings()}).
 *
 * @param capacity the most keys the store holds
 * @param maxArrayLength the longest array, in elements
 * @param dataBytes the bytes the store reserves for values, arrays included (see {@link SharedStateBuilder#dataBytes})
 * @param journal the journal setting of keys created without one
 * @param journalRetentionBytes the cap on the journal's size on disk
 * @param journalRetention how long journal events are kept at most
 * @param journalCoalesceInterval the interval of {@link JournalMode#COALESCED} keys
 * @param filePermissions the permissions of the store's files
 * @param processSlots how many processes may have the store open at once
 * @param createdAt when the store was created
 * @param formatVersion the version of the on-disk format
 */
public record StoreSettings(long capacity, int maxArrayLength, long dataBytes, JournalMode journal,
                            long journalRetentionBytes, Duration journalRetention, Duration journalCoalesceInterval,
                            Set<PosixFilePermission> filePermissions, int processSlots, Instant createdAt,
                            int formatVersion) {
    /**
     * Checks and copies the settings.
     *
     * @param capacity the most keys the store holds
     * @param maxArrayLength the longest array, in elements
     * @param dataBytes the bytes the store reserves for values, arrays included
     * @param journal the journal setting of keys created without one
     * @param journalRetentionBytes the cap on the journal's size on disk
     * @param journalRetention how long journal events are kept at most
     * @param journalCoalesceInterval the interval of {@link JournalMode#COALESCED} keys
     * @param filePermissions the permissions of the store's files; copied
     * @param processSlots how many processes may have the store open at once
     * @param createdAt when the store was created
     * @param formatVersion the version of the on-disk format
     * @throws NullPointerException if {@code journal}, {@code journalRetention}, {@code journalCoalesceInterval},
     *         {@code createdAt} or {@code filePermissions} (or one of its elements) is null
     */
    public StoreSettings {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(journalRetention, "journalRetention");
        Objects.requireNonNull(journalCoalesceInterval, "journalCoalesceInterval");
        Objects.requireNonNull(createdAt, "createdAt");
        filePermissions = Set.copyOf(filePermissions);
    }
}
