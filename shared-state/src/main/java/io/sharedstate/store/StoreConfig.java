package io.sharedstate.store;

import io.sharedstate.JournalMode;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

/**
 * The settings a store is opened with, as collected by {@link io.sharedstate.SharedStateBuilder}. Internal:
 * users go through the builder.
 *
 * @param directory the store's directory
 * @param capacity the most keys the store holds, applied at creation
 * @param maxArrayLength the longest array in elements, applied at creation
 * @param dataBytes bytes for values, applied at creation; 0 for the default derived from the other two
 * @param journal the journal mode of keys created through this instance
 * @param journalRetentionBytes cap on the journal's size on disk, applied at creation
 * @param journalRetention the age past which journal events go, applied at creation
 * @param journalCoalesceInterval the interval of coalesced keys, applied at creation
 * @param journalBufferBytes this process's room for journal events not yet drained
 * @param filePermissions permissions of created files, applied at creation
 * @param explicit the names of the store settings the user set explicitly
 * @param readOnly whether to open without changing anything
 * @param strict whether a store setting that differs from the store's is an error rather than a warning
 * @param recovering whether recover opens the store, which it alone may do while its recover marker is set
 */
public record StoreConfig(Path directory, long capacity, int maxArrayLength, long dataBytes, JournalMode journal,
                          long journalRetentionBytes, Duration journalRetention, Duration journalCoalesceInterval,
                          int journalBufferBytes, Set<PosixFilePermission> filePermissions, Set<String> explicit,
                          boolean readOnly, boolean strict, boolean recovering) {}
