package io.sharedstate.store;

import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedStateException;
import io.sharedstate.StoreFormatException;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.journal.ChronicleJournal;
import io.sharedstate.lock.ProcessRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The two maintenance procedures behind {@code shared-state verify} and {@code shared-state recover}.
 */
public final class StoreMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);

    private StoreMaintenance() {
    }

    /**
     * What {@link #recover} did.
     *
     * @param entries entries in the map after recovery
     * @param locksReleased per-key locks left held by dead processes, now free
     * @param tombstonesReclaimed removed keys whose bytes were reclaimed
     * @param deadProcessesCleared process slots of dead processes cleared
     * @param corruptEntriesRemoved entries whose header was not valid (their keys are lost), now removed
     */
    public record RecoveryReport(long entries, int locksReleased, int tombstonesReclaimed, int deadProcessesCleared,
                                 int corruptEntriesRemoved) {
    }

    /**
     * Brings a store back into service after a process died holding one of Chronicle Map's segment locks, or
     * left other debris: rebuilds the map's segment headers (Chronicle's {@code recoverPersistedTo}), frees every
     * per-key lock, reclaims removed keys and clears the process table. Refuses to run while any other process
     * has the store open.
     *
     * @throws SharedStateException naming the processes that have the store open
     * @throws StoreFormatException if the directory is not a store
     */
    @SuppressWarnings("try") // the exclusive lock is held, not used, for the whole recovery
    public static RecoveryReport recover(Path directory) {
        ChronicleBootstrap.configure();
        StoreFiles files = StoreFiles.in(directory);
        if (!Files.exists(files.header())) {
            throw new StoreFormatException(directory + " is not a shared-state store: " + StoreFiles.HEADER
                    + " is missing");
        }
        try (StoreFileLock exclusive = StoreFileLock.tryExclusive(files.lock()).orElseThrow(
                () -> inUse(files))) {
            StoreHeader header = StoreHeader.open(files.header(), false);
            KeyIndex.validateFile(files.map());
            KeyIndex.recover(files.map(), header);
            int cleared = 0;
            for (ProcessRecord record : header.registry().processes()) {
                header.registry().clearDead(new ProcessRecord(record.slot(), record.pid(), false,
                        record.registration(), record.openedAtMillis(), 0, -1, 0));
                cleared++;
            }
            header.clearStuck();
            int[] counts = new int[2];
            try (KeyIndex index = KeyIndex.open(files.map(), header, null, false)) {
                List<String> tombstones = new ArrayList<>();
                List<String> corrupt = new ArrayList<>();
                index.forEach("", (name, base) -> {
                    EntryView entry = new EntryView(base);
                    if (!entry.isWellFormed()) {
                        corrupt.add(name);
                    } else if (entry.isRemoved()) {
                        tombstones.add(name);
                    } else if (entry.resetLock()) {
                        counts[0]++;
                    }
                });
                if (!corrupt.isEmpty()) {
                    LOG.warn("{}: removing {} corrupt entries: {}", directory, corrupt.size(), corrupt);
                }
                List<String> doomed = new ArrayList<>(tombstones);
                doomed.addAll(corrupt);
                for (String name : doomed) {
                    index.write(name, cursor -> {
                        cursor.remove();
                        return null;
                    });
                }
                header.addTombstones(-header.tombstones());
                counts[1] = tombstones.size();
                index.sync();
                header.force();
                LOG.info("recovered {}: {} locks released, {} removed keys reclaimed, {} process slots cleared",
                        directory, counts[0], counts[1], cleared);
                return new RecoveryReport(index.size(), counts[0], counts[1], cleared, corrupt.size());
            }
        }
    }

    private static SharedStateException inUse(StoreFiles files) {
        String pids;
        try {
            StoreHeader header = StoreHeader.open(files.header(), false);
            pids = header.registry().processes().stream().filter(ProcessRecord::alive)
                    .map(record -> Integer.toString(record.pid())).collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            pids = "unknown";
        }
        return new SharedStateException("store " + files.directory() + " is open in other processes (pids "
                + (pids.isEmpty() ? "not registered: read-only tools" : pids) + "); stop them, then run recover again");
    }

    /**
     * What {@link #verify} found.
     *
     * @param keys keys checked
     * @param journalEvents journal events read
     * @param keysReplayed keys whose journal history was complete and whose replay was compared with the state
     * @param problems what is wrong, one line each; empty if nothing is
     */
    public record VerifyReport(long keys, long journalEvents, int keysReplayed, List<String> problems) {
        /** Returns whether no problem was found. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks a store without changing it: the header, every entry (readable, of a valid type and size), the
     * journal (every event readable), and that replaying the journal gives the values the store holds, for every
     * journaled key whose whole history the journal still holds and that did not change while checking.
     */
    public static VerifyReport verify(ChronicleSharedState state) {
        List<String> problems = new ArrayList<>();
        ChronicleJournal journal = state.store().journal();
        long sequenceBefore = journal.lastSequence();
        Map<String, KeySnapshot> snapshots = new TreeMap<>();
        int skippedSegments = state.forEachKey("", 200, snapshot -> snapshots.put(snapshot.name(), snapshot));
        if (skippedSegments > 0) {
            problems.add(skippedSegments + " map segment(s) are locked by a dead process: run shared-state recover");
        }
        for (KeySnapshot snapshot : snapshots.values()) {
            if (!snapshot.isWellFormed()) {
                problems.add("key \"" + snapshot.name() + "\": entry header is corrupt (shared-state recover "
                        + "removes it)");
            } else if (!snapshot.consistent() && !snapshot.lockOwnerAlive()) {
                problems.add("key \"" + snapshot.name() + "\": left mid-change by a dead process (lock held by pid "
                        + snapshot.info().lockOwnerPid() + ")");
            }
        }
        long[] eventCount = new long[1];
        Set<String> complete = new HashSet<>();
        Set<String> changedSince = new HashSet<>();
        SortedMap<String, Object> replayed;
        try (Stream<ChangeEvent> events = journal.events()) {
            replayed = io.sharedstate.journal.Replay.of(events.peek(event -> {
                eventCount[0]++;
                if (event.sequence() > sequenceBefore) {
                    changedSince.add(event.key());
                }
                if (event.operation() == ChangeEvent.Operation.CREATE) {
                    complete.add(event.key());
                }
            }).filter(event -> event.sequence() <= sequenceBefore));
        } catch (RuntimeException e) {
            problems.add("journal: unreadable (" + e.getMessage() + ")");
            replayed = new TreeMap<>();
        }
        int compared = 0;
        for (KeySnapshot snapshot : snapshots.values()) {
            String name = snapshot.name();
            if (!snapshot.isWellFormed() || !snapshot.consistent() || changedSince.contains(name)
                    || !complete.contains(name) || snapshot.info().journal() != io.sharedstate.JournalMode.ON) {
                continue;
            }
            compared++;
            Object expected = replayed.get(name);
            Object actual = snapshot.info().isArray() ? snapshot.values() : snapshot.values().get(0);
            if (!Objects.equals(normalize(expected), normalize(actual))) {
                problems.add("key \"" + name + "\": journal replay gives " + expected + " but the store holds "
                        + actual);
            }
        }
        return new VerifyReport(snapshots.size(), eventCount[0], compared, List.copyOf(problems));
    }

    private static Object normalize(Object value) {
        if (value instanceof List) {
            return ((List<?>) value).stream().map(StoreMaintenance::normalize).collect(Collectors.toList());
        }
        return value instanceof Number ? value.toString() : value;
    }
}
