package io.sharedstate.store;

import io.sharedstate.JournalMode;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The settings a store is opened with, as collected by {@link io.sharedstate.SharedStateBuilder}. Internal:
 * users go through the builder.
 *
 * @param directory the store's directory
 * @param capacity the most keys the store holds, applied at creation
 * @param maxArrayLength the longest array in elements, applied at creation
 * @param journal the journal mode of keys created through this instance
 * @param journalRetentionDays daily journal files kept, applied at creation
 * @param journalRetentionBytes cap on the journal's size on disk, applied at creation
 * @param filePermissions permissions of created files
 * @param readOnly whether to open without changing anything
 */
public record StoreConfig(Path directory, long capacity, int maxArrayLength, JournalMode journal,
                          int journalRetentionDays, long journalRetentionBytes,
                          Set<PosixFilePermission> filePermissions, boolean readOnly) {}
