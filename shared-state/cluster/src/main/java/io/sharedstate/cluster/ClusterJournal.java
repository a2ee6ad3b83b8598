package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Journal;
import io.sharedstate.journal.Replay;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.ScanQuery;

import javax.cache.Cache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The cluster's journal, read from the journal cache. Its events are ordered by commit time, and each key's events
 * by version whatever the members' clocks say; {@link ChangeEvent#sequence()} is the key's version. Records are
 * written in their change's transaction, so the journal is never behind.
 */
final class ClusterJournal implements Journal {
    /** The size of a typical record as stored (key, header and one value), for {@link #bytesOnDisk()}. */
    static final long RECORD_BYTES = 160;

    private final ClusterSharedState owner;
    private final IgniteCache<JournalKey, JournalRecord> journal;

    ClusterJournal(ClusterSharedState owner, IgniteCache<JournalKey, JournalRecord> journal) {
        this.owner = owner;
        this.journal = journal;
    }

    @Override
    public long firstSequence() {
        return versions()[0];
    }

    @Override
    public long lastSequence() {
        return versions()[1];
    }

    /** The lowest and highest key version kept, from one scan; both -1 if the journal is empty. */
    long[] versions() {
        LongSummaryStatistics versions = records(key -> true).stream()
                .mapToLong(entry -> entry.getKey().version()).summaryStatistics();
        return versions.getCount() == 0 ? new long[] {-1, -1} : new long[] {versions.getMin(), versions.getMax()};
    }

    @Override
    public Stream<ChangeEvent> events() {
        return ordered(records(key -> true)).stream();
    }

    /** Returns the events whose key version is at least {@code sequence}, in the journal's order. */
    @Override
    public Stream<ChangeEvent> eventsFrom(long sequence) {
        return ordered(records(key -> key.version() >= sequence)).stream();
    }

    @Override
    public Stream<ChangeEvent> events(Instant from, Instant until) {
        return events().filter(event -> !event.time().isBefore(from) && event.time().isBefore(until));
    }

    @Override
    public SortedMap<String, Object> replay(Instant until) {
        return Replay.of(events().filter(event -> !event.time().isAfter(until)));
    }

    @Override
    public SortedMap<String, Object> replay() {
        return Replay.of(events());
    }

    /** An estimate: the records kept, times the size of a typical record. */
    @Override
    public long bytesOnDisk() {
        owner.checkOpen();
        return journal.sizeLong(CachePeekMode.PRIMARY) * RECORD_BYTES;
    }

    /** Always true at once: a change's record commits with it. */
    @Override
    public boolean awaitCaughtUp(Duration timeout) {
        return !owner.isClosed();
    }

    private List<Cache.Entry<JournalKey, JournalRecord>> records(Predicate<JournalKey> keep) {
        owner.checkOpen();
        List<Cache.Entry<JournalKey, JournalRecord>> records = new ArrayList<>();
        for (Cache.Entry<JournalKey, JournalRecord> entry : journal.query(new ScanQuery<JournalKey, JournalRecord>())) {
            if (keep.test(entry.getKey())) {
                records.add(entry);
            }
        }
        return records;
    }

    /**
     * Orders records by commit time; then, as members' clocks may differ, each key's records among the places its
     * records took are put in version order (a key's removal and re-creation in generation order, by creation).
     */
    static List<ChangeEvent> ordered(List<Cache.Entry<JournalKey, JournalRecord>> records) {
        records.sort(Comparator.comparingLong((Cache.Entry<JournalKey, JournalRecord> entry) ->
                entry.getValue().timeMicros()).thenComparing(entry -> entry.getKey().name())
                .thenComparingLong(entry -> entry.getKey().version()));
        Map<String, List<Integer>> places = new HashMap<>();
        Map<String, List<Cache.Entry<JournalKey, JournalRecord>>> byKey = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String name = records.get(i).getKey().name();
            places.computeIfAbsent(name, ignored -> new ArrayList<>()).add(i);
            byKey.computeIfAbsent(name, ignored -> new ArrayList<>()).add(records.get(i));
        }
        ChangeEvent[] events = new ChangeEvent[records.size()];
        for (Map.Entry<String, List<Cache.Entry<JournalKey, JournalRecord>>> key : byKey.entrySet()) {
            List<Cache.Entry<JournalKey, JournalRecord>> ofKey = key.getValue();
            Map<Long, Long> generationStart = new HashMap<>();
            for (Cache.Entry<JournalKey, JournalRecord> entry : ofKey) {
                generationStart.merge(entry.getKey().generation(), entry.getValue().timeMicros(), Math::min);
            }
            ofKey.sort(Comparator.comparingLong((Cache.Entry<JournalKey, JournalRecord> entry) ->
                    generationStart.get(entry.getKey().generation())).thenComparingLong(entry ->
                    entry.getKey().version()));
            List<Integer> slots = places.get(key.getKey());
            for (int i = 0; i < ofKey.size(); i++) {
                events[slots.get(i)] = ofKey.get(i).getValue().toEvent(ofKey.get(i).getKey());
            }
        }
        return List.of(events);
    }
}
