package io.sharedstate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A store's figures at one moment: what it holds and how much room is left, the processes that have it open, the
 * locks held, the journal. See {@link SharedState#statistics()}; {@code shared-state stat} prints them and the
 * Micrometer binder exports them. Figures a backend does not have are -1.
 *
 * @param takenAt when the figures were read
 * @param store the store's directory, or the cluster's name
 * @param keys keys that exist
 * @param removedKeys removed keys whose room is not yet given back
 * @param capacity the most keys the store holds
 * @param dataBytes the bytes reserved for values
 * @param dataBytesFree of those, the bytes still free
 * @param largestValueBytes the largest value that can still be created, in bytes (an array of that many bytes)
 * @param segments the store's segments, each a unit of room and of locking for creations and removals
 * @param processes the processes that have the store open, or had it open and died
 * @param locks the keys locked now
 * @param lockRecoveries locks taken over from dead owners since the store was created
 * @param journal the journal's figures
 * @param problems what needs attention, one line each; empty when all is well
 */
public record StoreStatistics(Instant takenAt, String store, long keys, long removedKeys, long capacity,
                              long dataBytes, long dataBytesFree, long largestValueBytes, List<Segment> segments,
                              List<ProcessInfo> processes, List<LockInfo> locks, long lockRecoveries,
                              JournalInfo journal, List<String> problems) {
    /** Checks and copies the figures. */
    public StoreStatistics {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(journal, "journal");
        segments = List.copyOf(segments);
        processes = List.copyOf(processes);
        locks = List.copyOf(locks);
        problems = List.copyOf(problems);
    }

    /** Returns whether nothing needs attention: no lock held by a dead process, no damaged journal, room left. */
    public boolean healthy() {
        return problems.isEmpty();
    }

    /**
     * One segment of the store.
     *
     * @param index the segment's number
     * @param keys the keys in it, removed ones not yet given back included
     * @param bytes the bytes it has for values
     * @param bytesFree of those, the bytes still free
     */
    public record Segment(int index, long keys, long bytes, long bytesFree) {
    }

    /**
     * A process that has the store open.
     *
     * @param pid its pid, as its own PID namespace sees it
     * @param alive whether it is alive: false for a process that died without closing the store (its slot is
     *        cleared once what it left is repaired)
     * @param role what it does: {@code writer}, {@code reader} (opened read-only), or {@code writer+drainer} (the
     *        one that moves journal events into the journal files)
     * @param openedAt when it opened the store
     * @param command its main class or command, if known
     * @param lockRecoveries dead owners' locks it took over
     */
    public record ProcessInfo(int pid, boolean alive, String role, Instant openedAt, String command,
                              long lockRecoveries) {
    }

    /**
     * A key whose lock is held.
     *
     * @param key the key's name
     * @param ownerPid the pid of the process holding it
     * @param ownerAlive whether that process is alive
     * @param heldFor how long an explicit section has held it, or {@link Duration#ZERO} for an operation in progress
     */
    public record LockInfo(String key, int ownerPid, boolean ownerAlive, Duration heldFor) {
    }

    /**
     * The journal's figures.
     *
     * @param bytesOnDisk the journal's size on disk
     * @param capBytes the cap on that size
     * @param firstSequence the oldest event kept, or -1
     * @param lastSequence the newest event, or -1
     * @param pendingBytes bytes of events made but not yet in the journal files (its lag; about 60 bytes per event)
     * @param lostEvents events the journal could not keep since the store was created (recorded as gaps)
     * @param coalescedEvents changes recorded combined rather than one by one
     * @param drainerPid the pid of the process that moves events into the journal files, or 0 if none
     */
    public record JournalInfo(long bytesOnDisk, long capBytes, long firstSequence, long lastSequence,
                              long pendingBytes, long lostEvents, long coalescedEvents, int drainerPid) {
    }
}
