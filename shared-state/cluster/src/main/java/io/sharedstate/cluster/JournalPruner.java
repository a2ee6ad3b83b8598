package io.sharedstate.cluster;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;

import javax.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the journal within its retention on a server member: now and then it deletes the records of its own
 * primary partitions that are older than the retention, then the oldest beyond its share of the record cap. The
 * newest record of each existing key is kept, so that a replay always ends at the current values. Each member
 * prunes what it is primary for, so no two prune the same records.
 */
final class JournalPruner implements AutoCloseable {
    private final Ignite ignite;
    private final ClusterCaches caches;
    private final Duration retention;
    private final long maxRecords;
    private final ScheduledExecutorService timer;

    JournalPruner(Ignite ignite, ClusterCaches caches, Duration retention, long maxRecords, Duration interval) {
        this.ignite = ignite;
        this.caches = caches;
        this.retention = retention;
        this.maxRecords = maxRecords;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shared-state-journal-pruner");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pruneQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Deletes what is beyond retention among this member's primary records; returns how many it deleted. */
    int prune() {
        IgniteCache<JournalKey, JournalRecord> journal = caches.journal();
        IgniteCache<String, StoredValue> values = caches.values();
        long cutoffMicros = (System.currentTimeMillis() - retention.toMillis()) * 1_000;
        List<Cache.Entry<JournalKey, JournalRecord>> prunable = new ArrayList<>();
        for (Cache.Entry<JournalKey, JournalRecord> entry : journal.localEntries(CachePeekMode.PRIMARY)) {
            StoredValue current = values.localPeek(entry.getKey().name(), CachePeekMode.PRIMARY);
            boolean newestOfLiveKey = current != null && current.generation() == entry.getKey().generation()
                    && current.version() == entry.getKey().version();
            if (!newestOfLiveKey) {
                prunable.add(entry);
            }
        }
        long kept = journal.localSizeLong(CachePeekMode.PRIMARY);
        long share = Math.max(1, maxRecords / Math.max(1, ignite.cluster().forServers().nodes().size()));
        prunable.sort(Comparator.comparingLong(entry -> entry.getValue().timeMicros()));
        Set<JournalKey> doomed = new HashSet<>();
        for (Cache.Entry<JournalKey, JournalRecord> entry : prunable) {
            if (entry.getValue().timeMicros() >= cutoffMicros && kept - doomed.size() <= share) {
                break;
            }
            doomed.add(entry.getKey());
        }
        if (!doomed.isEmpty()) {
            journal.removeAll(doomed);
        }
        return doomed.size();
    }

    private void pruneQuietly() {
        try {
            int pruned = prune();
            if (pruned > 0) {
                ClusterLog.LOG.debug("pruned {} journal records", pruned);
            }
        } catch (RuntimeException e) {
            ClusterLog.LOG.debug("journal pruning skipped this round: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
