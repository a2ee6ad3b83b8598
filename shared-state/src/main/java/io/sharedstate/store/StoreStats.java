package io.sharedstate.store;

import io.sharedstate.lock.ProcessRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A store's vital figures, as read at one moment, for {@code shared-state stat}.
 *
 * @param directory the store's directory
 * @param keys keys in the map, removed ones not yet reclaimed included
 * @param tombstones removed keys not yet reclaimed
 * @param capacity the most keys the store holds
 * @param maxArrayLength the longest array
 * @param segments Chronicle Map segments
 * @param percentageFreeSpace Chronicle's estimate of free space in the map, in percent
 * @param remainingAutoResizes extra segment tiers the map can still allocate
 * @param mapFileBytes the map file's size
 * @param headerFileBytes the header file's size
 * @param journalBytes the journal's size on disk
 * @param journalFirstSequence the oldest journal event's sequence, or -1
 * @param journalLastSequence the newest journal event's sequence, or -1
 * @param lockRecoveries dead owners' locks taken over, store-wide
 * @param segmentsStuckForWriters bit mask of segments a dead process left locked against writers
 * @param segmentsStuckForReaders bit mask of segments a dead process left locked against readers
 * @param processes the registered processes
 */
public record StoreStats(Path directory, long keys, long tombstones, long capacity, int maxArrayLength, int segments,
                         int percentageFreeSpace, int remainingAutoResizes, long mapFileBytes, long headerFileBytes,
                         long journalBytes, long journalFirstSequence, long journalLastSequence, long lockRecoveries,
                         long segmentsStuckForWriters, long segmentsStuckForReaders, List<ProcessRecord> processes) {

    static StoreStats of(SharedStore store) {
        StoreHeader header = store.header();
        KeyIndex index = store.index();
        return new StoreStats(store.files().directory(), index.size(), header.tombstones(), header.capacity(),
                header.maxArrayLength(), index.segments(), index.percentageFreeSpace(), index.remainingAutoResizes(),
                size(store.files().map()), size(store.files().header()), store.journal().bytesOnDisk(),
                store.journal().firstSequence(), store.journal().lastSequence(), header.lockRecoveries(),
                header.segmentsStuckForWriters(), header.segmentsStuckForReaders(), store.registry().processes());
    }

    /** Returns the public figures; an interim mapping of what this record has. */
    io.sharedstate.StoreStatistics toPublic() {
        java.time.Instant now = java.time.Instant.now();
        List<io.sharedstate.StoreStatistics.ProcessInfo> procs = processes.stream()
                .map(p -> new io.sharedstate.StoreStatistics.ProcessInfo(p.pid(), p.alive(), "writer",
                        java.time.Instant.ofEpochMilli(p.openedAtMillis()), "", p.lockRecoveries()))
                .toList();
        long free = mapFileBytes * percentageFreeSpace / 100;
        return new io.sharedstate.StoreStatistics(now, directory.toString(), keys - tombstones, tombstones, capacity,
                mapFileBytes, free, -1, List.of(), procs, List.of(), lockRecoveries,
                new io.sharedstate.StoreStatistics.JournalInfo(journalBytes, -1, journalFirstSequence,
                        journalLastSequence, -1, -1, -1, 0),
                List.of());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
