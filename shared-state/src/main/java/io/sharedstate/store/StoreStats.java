package io.sharedstate.store;

import io.sharedstate.SharedStateException;
import io.sharedstate.StoreStatistics;
import io.sharedstate.internal.DiskUsage;
import io.sharedstate.lock.OwnerToken;
import io.sharedstate.lock.ProcessRecord;
import io.sharedstate.lock.ProcessRegistry;
import net.openhft.chronicle.map.ChronicleMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A store's figures as read at one moment, for {@code shared-state stat} and {@link StoreStatistics}: what really
 * limits it (keys against its capacity, bytes against each segment's tiers), its files, processes, locks and
 * journal.
 *
 * @param directory the store's directory
 * @param takenAt when the figures were read
 * @param keys live keys
 * @param tombstones removed keys whose bytes are not yet reclaimed
 * @param capacity the most keys the store holds
 * @param maxArrayLength the longest array
 * @param dataBytes bytes of the segments' first tiers
 * @param maxDataBytes bytes the segments may grow to with extra tiers
 * @param tierBytes bytes of one tier: no value can be larger
 * @param segments per segment: keys, bytes and bytes used
 * @param remainingAutoResizes extra tiers the map can still add
 * @param mapFileBytes the map file's length
 * @param mapFileBytesOnDisk the map file's blocks on disk
 * @param headerFileBytes the header file's length
 * @param journalBytes the journal's size on disk
 * @param journalCapBytes the journal's cap
 * @param journalFirstSequence the oldest journal event's sequence, or -1
 * @param journalLastSequence the newest journal event's sequence, or -1
 * @param journalDrained events moved into the journal files, store-wide
 * @param journalLost events the journal recorded as lost
 * @param journalCoalesced changes journaled combined
 * @param journalStagedBytes bytes of events staged by every process and not yet drained
 * @param drainerPid the pid of the drainer, 0 if none
 * @param drainFailure why this process, as drainer, cannot append now; null if it can or is not the drainer
 * @param lockRecoveries dead owners' locks taken over, store-wide
 * @param indexRecoveries repairs of the key index after a process died inside it
 * @param indexHolderPid the pid of the process inside a Chronicle call when the figures were begun, or 0
 * @param indexHolderAlive whether that process is alive (true if there is none)
 * @param processes the registered processes
 * @param locks the keys locked now
 */
public record StoreStats(Path directory, Instant takenAt, long keys, long tombstones, long capacity,
                         int maxArrayLength, long dataBytes, long maxDataBytes, long tierBytes,
                         List<StoreStatistics.Segment> segments, int remainingAutoResizes, long mapFileBytes,
                         long mapFileBytesOnDisk, long headerFileBytes, long journalBytes, long journalCapBytes,
                         long journalFirstSequence, long journalLastSequence, long journalDrained, long journalLost,
                         long journalCoalesced, long journalStagedBytes, int drainerPid, String drainFailure,
                         long lockRecoveries, long indexRecoveries, int indexHolderPid, boolean indexHolderAlive,
                         List<ProcessRecord> processes,
                         List<HeldLock> locks) {

    /**
     * A key whose lock is held.
     *
     * @param key the key's name
     * @param ownerPid the holder's pid
     * @param ownerAlive whether the holder is alive
     * @param since since when an explicit section holds it, or null for an operation in progress
     * @param holds the holder's explicit holds
     */
    public record HeldLock(String key, int ownerPid, boolean ownerAlive, Instant since, int holds) {
    }

    static StoreStats of(SharedStore store) {
        StoreHeader header = store.header();
        KeyCatalog catalog = store.catalog();
        // Read before this call takes the index lock itself, which repairs a dead holder's leftovers first.
        long indexHolder = catalog.indexHolderToken();
        int indexHolderPid = OwnerToken.isOwned(indexHolder) ? store.registry().ownerPid(indexHolder) : 0;
        boolean indexHolderAlive = indexHolderPid == 0 || store.registry().isAlive(indexHolder);
        MapSizing sizing = store.sizing();
        List<StoreStatistics.Segment> segments = new ArrayList<>();
        List<ChronicleMap.SegmentStats> chronicle = catalog.segmentStats();
        long[] keysPerSegment = new long[chronicle.size()];
        List<HeldLock> locks = new ArrayList<>();
        for (int segment = 0; segment < chronicle.size(); segment++) {
            int index = segment;
            catalog.visitSegment(segment, "", (name, base) -> {
                keysPerSegment[index]++;
                EntryView entry = new EntryView(base);
                long word = entry.lockWord();
                if (OwnerToken.isOwned(word)) {
                    locks.add(new HeldLock(name, store.registry().ownerPid(word), store.registry().isAlive(word),
                            entry.lockedSince(), entry.holdCount()));
                }
            });
            ChronicleMap.SegmentStats figures = chronicle.get(segment);
            segments.add(new StoreStatistics.Segment(segment, keysPerSegment[segment], figures.sizeInBytes(),
                    figures.sizeInBytes() - figures.usedBytes()));
        }
        Path map = store.files().map();
        long[] sequences = {-1, -1};
        String journalFailure = store.journal().drainFailure();
        try {
            sequences[0] = store.journal().firstSequence();
            sequences[1] = store.journal().lastSequence();
        } catch (SharedStateException e) {
            // A full disk can keep the journal from opening; the rest of the figures still tell the story.
            journalFailure = journalFailure != null ? journalFailure : e.getMessage();
        }
        return new StoreStats(store.files().directory(), Instant.now(), header.keys(), header.tombstones(),
                header.capacity(), header.maxArrayLength(), sizing.dataBytes(), sizing.maxDataBytes(),
                sizing.tierBytes(), segments, store.index().remainingAutoResizes(), size(map), DiskUsage.of(map),
                size(header.file()), store.journal().bytesOnDisk(), header.retentionBytes(),
                sequences[0], sequences[1], header.journalDrained(),
                header.journalLost(), header.journalCoalesced(), store.journal().stagedBytesOfAll(),
                header.drainerPid(), journalFailure, header.lockRecoveries(),
                header.indexRecoveries(), indexHolderPid, indexHolderAlive, store.registry().processes(), locks);
    }

    /** Returns the bytes the segments have free now. */
    public long dataBytesFree() {
        return segments.stream().mapToLong(StoreStatistics.Segment::bytesFree).sum()
                + (long) remainingAutoResizes * tierBytes;
    }

    /**
     * Returns the largest value that can still be created: a whole tier (less a key's room) while the map can add
     * tiers, else what the emptiest segment has free in each of its tiers on average. An entry never spans tiers,
     * and Chronicle reports a segment's free bytes summed over its tiers, so the sum would promise room that is
     * scattered; the average is what pigeonholing guarantees one tier has (removals can still fragment a tier).
     */
    public long largestValueBytes() {
        long keyRoom = 255 + MapSizing.ENTRY_OVERHEAD + EntryLayout.SLACK + EntryLayout.HEADER;
        if (remainingAutoResizes > 0) {
            return tierBytes - keyRoom;
        }
        long bestTier = segments.stream().mapToLong(this::freeBytesPerTier).max().orElse(0);
        return Math.max(0, Math.min(tierBytes, bestTier) - keyRoom);
    }

    private long freeBytesPerTier(StoreStatistics.Segment segment) {
        long tiers = Math.max(1, (segment.bytes() + tierBytes - 1) / tierBytes);
        return segment.bytesFree() / tiers;
    }

    /** Returns what needs attention, one line each. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (HeldLock lock : locks) {
            if (!lock.ownerAlive()) {
                problems.add("key \"" + lock.key() + "\" is locked by pid " + lock.ownerPid() + ", which died; a "
                        + "writing process repairs it within a second");
            }
        }
        if (!indexHolderAlive) {
            problems.add("the key index was held by pid " + indexHolderPid + ", which died inside a Chronicle Map "
                    + "call; the next process to look up, create or remove a key repairs it");
        }
        if (drainFailure != null) {
            problems.add("the journal cannot be appended to: " + drainFailure);
        }
        if (keys >= capacity) {
            problems.add("the store holds " + keys + " keys, its capacity");
        } else if (largestValueBytes() < EntryLayout.HEADER) {
            problems.add("the store has no room left for a new key's value");
        }
        boolean anyWriter = processes.stream().anyMatch(process -> process.alive()
                && process.role() == ProcessRegistry.ROLE_WRITER);
        if (anyWriter && drainerPid == 0 && journalStagedBytes > 0) {
            problems.add("journal events are staged but no process drains them");
        }
        return problems;
    }

    /** Returns the figures in the public form. */
    StoreStatistics toPublic() {
        List<StoreStatistics.ProcessInfo> processInfos = new ArrayList<>();
        for (ProcessRecord process : processes) {
            String role = process.role() == ProcessRegistry.ROLE_READER ? "reader"
                    : process.pid() == drainerPid && process.alive() ? "writer+drainer" : "writer";
            processInfos.add(new StoreStatistics.ProcessInfo(process.pid(), process.alive(), role,
                    Instant.ofEpochMilli(process.openedAtMillis()), process.command(), process.lockRecoveries()));
        }
        List<StoreStatistics.LockInfo> lockInfos = new ArrayList<>();
        for (HeldLock lock : locks) {
            lockInfos.add(new StoreStatistics.LockInfo(lock.key(), lock.ownerPid(), lock.ownerAlive(),
                    lock.since() == null ? Duration.ZERO : Duration.between(lock.since(), takenAt)));
        }
        return new StoreStatistics(takenAt, directory.toString(), keys, tombstones, capacity, dataBytes,
                dataBytesFree(), largestValueBytes(), segments, processInfos, lockInfos, lockRecoveries,
                new StoreStatistics.IndexInfo(indexHolderPid, indexHolderAlive, indexRecoveries),
                new StoreStatistics.JournalInfo(journalBytes, journalCapBytes, journalFirstSequence,
                        journalLastSequence, journalStagedBytes, journalLost, journalCoalesced, journalDrained,
                        drainerPid, drainFailure),
                problems());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
