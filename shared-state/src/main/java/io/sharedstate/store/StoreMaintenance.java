package io.sharedstate.store;

import io.sharedstate.internal.KeyNames;
import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.JournalMode;
import io.sharedstate.SharedStateException;
import io.sharedstate.StoreFormatException;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.internal.RequiredJvmFlags;
import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.journal.ChronicleJournal;
import io.sharedstate.journal.Replay;
import io.sharedstate.lock.OwnerToken;
import io.sharedstate.lock.ProcessLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The two maintenance procedures behind {@code shared-state verify} and {@code shared-state recover}. Neither is
 * needed after a process dies: survivors repair what it left while the store stays in use. {@code recover} is for
 * damage no process can repair online (a file corrupted by the disk or by hand).
 */
public final class StoreMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);

    private StoreMaintenance() {
    }

    /**
     * What {@link #recover} did.
     *
     * @param keys keys in the store after recovery
     * @param locksReleased per-key locks left held by dead processes, now free (each journaled as LOCK_RECOVERED)
     * @param deadProcessesCleared process slots of dead processes cleared
     * @param corruptEntriesRemoved entries whose header was not valid (their keys are lost), now removed
     */
    public record RecoveryReport(long keys, int locksReleased, int deadProcessesCleared, int corruptEntriesRemoved) {
    }

    /**
     * Rebuilds a store that no process has open: Chronicle Map's segment headers (its {@code recoverPersistedTo}),
     * the process table, every lock left held (journaled as LOCK_RECOVERED), entries too damaged to read. A marker
     * in the header makes other processes refuse to open the store until a recover has finished; an interrupted
     * recover is run again.
     *
     * @throws SharedStateException naming the processes that have the store open
     * @throws StoreFormatException if the directory is not a store
     */
    public static RecoveryReport recover(Path directory) {
        RequiredJvmFlags.check();
        ChronicleBootstrap.configure();
        StoreFiles files = StoreFiles.in(directory.toAbsolutePath().normalize());
        if (!Files.isRegularFile(files.header())) {
            throw new StoreFormatException(directory + " is not a shared-state store: it has no " + StoreFiles.HEADER);
        }
        int cleared;
        try (FileChannel channel = FileChannel.open(files.header(), StandardOpenOption.READ, StandardOpenOption.WRITE);
             ProcessLocks locks = new ProcessLocks(channel, true)) {
            if (!locks.holdOpenExclusively()) {
                throw inUse(files, locks);
            }
            StoreHeader header = StoreHeader.open(files.header(), locks, true);
            header.setRecoverInProgress(ProcessHandle.current().pid());
            header.force();
            KeyIndex.validateFile(files.map());
            KeyIndex.recoverClosed(files.map(), MapSizing.of(header.capacity(), header.maxArrayLength(),
                    header.dataBytes()));
            cleared = header.registry().clearAll();
            UnsafeAccess.putLongVolatile(header.address() + StoreHeader.INDEX_LOCK, OwnerToken.FREE);
            header.force();
        } catch (IOException e) {
            throw new SharedStateException("cannot recover " + directory + ": " + e.getMessage(), e);
        }
        StoreConfig config = new StoreConfig(files.directory(), 1, 1, 0, JournalMode.ON, 1L << 24,
                java.time.Duration.ofDays(1), java.time.Duration.ofMillis(100),
                io.sharedstate.SharedStateBuilder.DEFAULT_JOURNAL_BUFFER_BYTES, Set.of(), Set.of(), false, false,
                true);
        try (ChronicleSharedState state = ChronicleSharedState.open(config)) {
            SharedStore store = state.store();
            int[] counts = new int[2];
            List<String> corrupt = new ArrayList<>();
            store.catalog().forEach("", (name, base) -> {
                EntryView entry = new EntryView(base);
                if (!entry.isWellFormed(store.header().maxArrayLength())) {
                    corrupt.add(name);
                } else if (EntryRepair.repairIfOwnerDead(store, base, name)) {
                    counts[0]++;
                } else if (!entry.isRemoved() && !OwnerToken.isOwned(entry.lockWord())
                        && (entry.sequence() & 1) != 0) {
                    UnsafeAccess.putLongVolatile(base + EntryLayout.SEQUENCE, entry.sequence() + 1);
                    counts[0]++;
                }
            });
            for (String name : corrupt) {
                store.catalog().removeMalformed(name);
            }
            if (!corrupt.isEmpty()) {
                LOG.warn("{}: removed {} corrupt entries: {}", directory, corrupt.size(), corrupt);
            }
            store.journal().awaitDrained(TimeUnit.SECONDS.toNanos(5));
            state.sync();
            store.header().setRecoverInProgress(0);
            store.header().force();
            LOG.info("recovered {}: {} locks released, {} process slots cleared, {} corrupt entries removed",
                    directory, counts[0], cleared, corrupt.size());
            return new RecoveryReport(store.header().keys(), counts[0], cleared, corrupt.size());
        }
    }

    private static SharedStateException inUse(StoreFiles files, ProcessLocks locks) {
        String pids;
        try {
            pids = StoreHeader.open(files.header(), locks, false).registry().processes().stream()
                    .filter(io.sharedstate.lock.ProcessRecord::alive)
                    .map(record -> Integer.toString(record.pid())).collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            pids = "unknown";
        }
        return new SharedStateException("store " + files.directory() + " is open in other processes (pids "
                + (pids.isEmpty() ? "unknown: read-only tools" : pids) + "); recover needs it closed everywhere: stop "
                + "them, then run recover again (a process that died needs no recover: survivors repair it)");
    }

    /**
     * What {@link #verify} found.
     *
     * @param keys keys checked
     * @param journalEvents journal events read
     * @param keysReplayed keys whose journal history was complete and whose replay was compared with the state
     * @param notes what is in progress and not a problem (a dead process's lock awaiting repair), one line each
     * @param problems what is wrong, one line each; empty if nothing is
     */
    public record VerifyReport(long keys, long journalEvents, int keysReplayed, List<String> notes,
                               List<String> problems) {
        /** Returns whether no problem was found. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks a store without changing a value: the header, every entry (readable, of a valid type and size), the
     * journal (every segment readable), and that replaying the journal gives the values the store holds, for every
     * journaled key whose history the journal holds whole, whose every change has reached it, and that did not
     * change while checking.
     */
    public static VerifyReport verify(ChronicleSharedState state) {
        SharedStore store = state.store();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ChronicleJournal journal = store.journal();
        long sequenceBefore = journal.lastSequence();
        Map<String, KeySnapshot> snapshots = new TreeMap<>();
        Map<String, EntryView> entries = new HashMap<>();
        for (int segment = 0; segment < state.segmentCount(); segment++) {
            store.catalog().visitSegment(segment, "", (name, base) -> {
                EntryView entry = new EntryView(base);
                if (!entry.isRemoved()) {
                    entries.put(name, entry);
                }
            });
            state.forEachKeyInSegment(segment, "", 200, snapshot -> snapshots.put(snapshot.name(), snapshot));
        }
        Set<String> skipped = new HashSet<>();
        for (KeySnapshot snapshot : snapshots.values()) {
            EntryView entry = entries.get(snapshot.name());
            if (!snapshot.isWellFormed()) {
                problems.add("key \"" + KeyNames.printable(snapshot.name()) + "\": entry header is corrupt (shared-state "
                        + "recover removes it)");
            } else if (entry != null && OwnerToken.isOwned(entry.lockWord()) && !snapshot.lockOwnerAlive()) {
                notes.add("key \"" + KeyNames.printable(snapshot.name()) + "\" is locked by pid "
                        + snapshot.info().lockOwnerPid() + ", which died; the next writing process repairs it");
                skipped.add(snapshot.name());
            } else if (entry != null && (entry.pending() > 0
                    || !store.isDrained(entry.lastEventRing(), entry.lastEvent()))) {
                skipped.add(snapshot.name());
            }
        }
        if (!skipped.isEmpty()) {
            notes.add(skipped.size() + " key(s) with changes not yet in the journal files were not compared");
        }
        String drainFailure = journal.drainFailure();
        if (drainFailure != null) {
            problems.add("journal: cannot be appended to now: " + drainFailure);
        }
        long[] eventCount = new long[1];
        Set<String> complete = new HashSet<>();
        Set<String> changedSince = new HashSet<>();
        SortedMap<String, Object> replayed;
        try (Stream<ChangeEvent> events = journal.events()) {
            replayed = Replay.of(events.peek(event -> {
                eventCount[0]++;
                if (event.sequence() > sequenceBefore) {
                    changedSince.add(event.key());
                }
                track(event, complete);
            }).filter(event -> event.sequence() <= sequenceBefore));
        } catch (RuntimeException | InternalError e) {
            problems.add("journal: unreadable (" + oneLine(e.getMessage()) + ")");
            replayed = new TreeMap<>();
        }
        int compared = 0;
        for (KeySnapshot snapshot : snapshots.values()) {
            String name = snapshot.name();
            if (!snapshot.isWellFormed() || !snapshot.consistent() || changedSince.contains(name)
                    || skipped.contains(name) || !complete.contains(name)
                    || snapshot.info().journal() != JournalMode.ON) {
                continue;
            }
            compared++;
            Object expected = replayed.get(name);
            Object actual = snapshot.info().isArray() ? snapshot.values() : snapshot.values().get(0);
            if (!Objects.equals(normalize(expected), normalize(actual))) {
                problems.add("key \"" + KeyNames.printable(name) + "\": journal replay gives " + expected
                        + " but the store holds " + actual);
            }
        }
        return new VerifyReport(snapshots.size(), eventCount[0], compared, List.copyOf(notes), List.copyOf(problems));
    }

    /** A key's history is whole from an event that carries all its values on, until a gap. */
    private static void track(ChangeEvent event, Set<String> complete) {
        Operation operation = event.operation();
        if (operation == Operation.GAP) {
            if (event.key().isEmpty()) {
                complete.clear();
            } else {
                complete.remove(event.key());
            }
        } else if (operation == Operation.REMOVE) {
            complete.remove(event.key());
        } else if (operation == Operation.CREATE || operation == Operation.FILL
                || operation == Operation.LOCK_RECOVERED || operation == Operation.COALESCED
                || (!event.isArray() && operation != Operation.ADD)) {
            complete.add(event.key());
        }
    }

    private static Object normalize(Object value) {
        if (value instanceof List) {
            return ((List<?>) value).stream().map(StoreMaintenance::normalize).collect(Collectors.toList());
        }
        return value instanceof Number ? value.toString() : value;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.split("\n")[0];
    }
}
