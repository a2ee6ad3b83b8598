package io.sharedstate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * @param index the key index's lock: who is inside a Chronicle Map call now, and the repairs so far
 * @param journal the journal's figures
 * @param problems what needs attention, one line each; empty when all is well
 */
public record StoreStatistics(Instant takenAt, String store, long keys, long removedKeys, long capacity,
                              long dataBytes, long dataBytesFree, long largestValueBytes, List<Segment> segments,
                              List<ProcessInfo> processes, List<LockInfo> locks, long lockRecoveries,
                              IndexInfo index, JournalInfo journal, List<String> problems) {
    /**
     * Checks and copies the figures.
     *
     * @param takenAt when the figures were read
     * @param store the store's directory, or the cluster's name
     * @param keys keys that exist
     * @param removedKeys removed keys whose room is not yet given back
     * @param capacity the most keys the store holds
     * @param dataBytes the bytes reserved for values
     * @param dataBytesFree of those, the bytes still free
     * @param largestValueBytes the largest value that can still be created, in bytes
     * @param segments the store's segments; copied
     * @param processes the processes that have the store open, or had it open and died; copied
     * @param locks the keys locked now; copied
     * @param lockRecoveries locks taken over from dead owners since the store was created
     * @param index the key index's lock
     * @param journal the journal's figures
     * @param problems what needs attention, one line each; copied
     * @throws NullPointerException if an object argument, or an element of a list, is null
     */
    public StoreStatistics {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(journal, "journal");
        segments = List.copyOf(segments);
        processes = List.copyOf(processes);
        locks = List.copyOf(locks);
        problems = List.copyOf(problems);
    }

    /**
     * Returns whether nothing needs attention: no lock and no segment held by a dead process, a journal that can be
     * appended to and is drained, room left.
     *
     * @return true if {@link #problems()} is empty
     */
    public boolean healthy() {
        return problems.isEmpty();
    }

    /**
     * Returns how many more keys can be created before the store reaches its capacity.
     *
     * @return {@code capacity - keys}, or 0 if the store is full
     */
    public long keyHeadroom() {
        return Math.max(0, capacity - keys);
    }

    /**
     * Returns the processes that have the store open and are alive.
     *
     * @return the number of {@link #processes()} that are alive
     */
    public long liveProcesses() {
        return processes.stream().filter(ProcessInfo::alive).count();
    }

    /**
     * Returns the processes that died with the store open and whose leftovers are not yet repaired.
     *
     * @return the number of {@link #processes()} that are not alive
     */
    public long deadProcesses() {
        return processes.size() - liveProcesses();
    }

    /**
     * Returns the locks held by processes that died: each is taken over by a writing process within a second.
     *
     * @return the number of {@link #locks()} whose owner is not alive
     */
    public long locksHeldByDeadOwners() {
        return locks.stream().filter(lock -> !lock.ownerAlive()).count();
    }

    /**
     * Returns the longest time an explicit section has held a lock now, or {@link Duration#ZERO}.
     *
     * @return the longest {@link LockInfo#heldFor()} of {@link #locks()}
     */
    public Duration longestLockHold() {
        return locks.stream().map(LockInfo::heldFor).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * Returns the segments no process can use now: all of them while the key index's lock is held by a process that
     * died (Chronicle Map's segment locks record no owner, so the store keeps one lock around them; the next process
     * to create, look up or remove a key repairs them), else none.
     *
     * @return {@code segments().size()} if {@link IndexInfo#stuck()}, else 0
     */
    public long stuckSegments() {
        return index.stuck() ? segments.size() : 0;
    }

    /**
     * Returns the figures as named numbers, the one list that the Micrometer binder and {@code shared-state stat
     * --prometheus} export, so that both name them alike. Names are dotted ({@code sharedstate.keys}); a registry
     * adds its own unit suffixes.
     *
     * @return a new list of the figures, in a fixed order
     */
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        gauge(metrics, "sharedstate.keys", "keys that exist", "", keys);
        gauge(metrics, "sharedstate.keys.removed", "removed keys whose room is not yet given back", "", removedKeys);
        gauge(metrics, "sharedstate.keys.capacity", "the most keys the store holds", "", capacity);
        gauge(metrics, "sharedstate.keys.headroom", "keys that can still be created", "", keyHeadroom());
        gauge(metrics, "sharedstate.data", "bytes reserved for values", "bytes", dataBytes);
        gauge(metrics, "sharedstate.data.free", "bytes for values still free, tiers the store can still add included",
                "bytes", dataBytesFree);
        gauge(metrics, "sharedstate.value.largest", "the largest value that can still be created", "bytes",
                largestValueBytes);
        gauge(metrics, "sharedstate.segments", "the store's segments", "", segments.size());
        gauge(metrics, "sharedstate.segments.stuck", "segments held by a process that died", "", stuckSegments());
        metrics.add(new Metric("sharedstate.processes", "processes that have the store open", "", false,
                Map.of("state", "live"), liveProcesses()));
        metrics.add(new Metric("sharedstate.processes", "processes that have the store open", "", false,
                Map.of("state", "dead"), deadProcesses()));
        gauge(metrics, "sharedstate.locks.held", "keys locked now", "", locks.size());
        gauge(metrics, "sharedstate.locks.dead.owner", "keys locked by a process that died", "",
                locksHeldByDeadOwners());
        gauge(metrics, "sharedstate.locks.longest.hold", "the longest time an explicit section holds a lock now",
                "seconds", longestLockHold().toNanos() / 1e9);
        counter(metrics, "sharedstate.lock.recoveries", "locks taken over from dead owners", lockRecoveries);
        counter(metrics, "sharedstate.index.recoveries", "key index repairs after a process died inside it",
                index.recoveries());
        gauge(metrics, "sharedstate.journal.size", "the journal's size on disk", "bytes", journal.bytesOnDisk());
        gauge(metrics, "sharedstate.journal.cap", "the cap on the journal's size", "bytes", journal.capBytes());
        gauge(metrics, "sharedstate.journal.pending", "events not yet in the journal files (its lag)", "bytes",
                journal.pendingBytes());
        counter(metrics, "sharedstate.journal.drained.events", "events moved into the journal files",
                journal.drainedEvents());
        counter(metrics, "sharedstate.journal.lost.events", "events the journal could not keep (gaps)",
                journal.lostEvents());
        counter(metrics, "sharedstate.journal.coalesced.events", "changes journaled combined",
                journal.coalescedEvents());
        gauge(metrics, "sharedstate.problems", "things that need attention (0 when healthy)", "", problems.size());
        return metrics;
    }

    private static void gauge(List<Metric> metrics, String name, String description, String unit, double value) {
        metrics.add(new Metric(name, description, unit, false, Map.of(), value));
    }

    private static void counter(List<Metric> metrics, String name, String description, double value) {
        metrics.add(new Metric(name, description, "", true, Map.of(), value));
    }

    /**
     * One figure as a named number.
     *
     * @param name its dotted name, such as {@code sharedstate.journal.pending}
     * @param description what it counts
     * @param unit its base unit ({@code bytes}, {@code seconds}), or empty for a count
     * @param counter true if it only grows (since the store was created), false for a level
     * @param tags what tells apart figures of one name, such as {@code state=live}
     * @param value its value
     */
    public record Metric(String name, String description, String unit, boolean counter, Map<String, String> tags,
                         double value) {
        /**
         * Checks and copies the tags.
         *
         * @param name its dotted name
         * @param description what it counts
         * @param unit its base unit, or empty for a count
         * @param counter true if it only grows, false for a level
         * @param tags what tells apart figures of one name; copied
         * @param value its value
         * @throws NullPointerException if {@code name}, {@code description}, {@code unit} or {@code tags} (or one of
         *         its keys or values) is null
         */
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(unit, "unit");
            tags = Map.copyOf(tags);
        }
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
     * The key index's lock, held for the microseconds of each Chronicle Map call (a lookup, a creation, a removal).
     *
     * @param holderPid the pid of the process inside a Chronicle Map call when the figures were read, or 0
     * @param holderAlive whether that process is alive (true when there is none)
     * @param recoveries repairs of the index after a process died inside a Chronicle Map call, since the store was
     *        created
     */
    public record IndexInfo(int holderPid, boolean holderAlive, long recoveries) {
        /**
         * Returns whether a process that died holds the lock, so that no key can be found until it is repaired.
         *
         * @return true if {@code holderPid} is not 0 and that process is not alive
         */
        public boolean stuck() {
            return holderPid != 0 && !holderAlive;
        }
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
     * @param drainedEvents events moved into the journal files since the store was created (their rate is the
     *        journal's throughput)
     * @param drainerPid the pid of the process that moves events into the journal files, or 0 if none
     * @param drainFailure why the drainer cannot append now (a full disk, a damaged file), or null; only the drainer
     *        itself knows it, so other processes see null
     */
    public record JournalInfo(long bytesOnDisk, long capBytes, long firstSequence, long lastSequence,
                              long pendingBytes, long lostEvents, long coalescedEvents, long drainedEvents,
                              int drainerPid, String drainFailure) {
    }
}
