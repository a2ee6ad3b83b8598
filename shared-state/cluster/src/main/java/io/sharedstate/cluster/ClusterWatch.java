package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Subscription;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.event.CacheEntryEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A watch across the cluster: a continuous query on the journal cache, filtered on the members, whose events a
 * thread of its own hands to the listener (Ignite's listener thread must not block). Each key's events are delivered
 * once and in version order whatever the query does across a member's failover: an event older than one delivered
 * is dropped, and one that skips versions is preceded by the records it skipped, read from the journal. Closing
 * delivers every change committed before the close.
 */
final class ClusterWatch implements Subscription {
    private final IgniteCache<JournalKey, JournalRecord> journal;
    private final IgniteCache<String, StoredValue> values;
    private final JournalFilter filter;
    private final Consumer<ChangeEvent> listener;
    private final long startMicros;
    private final ExecutorService delivery;
    /** The last version delivered per key generation; only the delivery thread uses it. */
    private final Map<String, long[]> delivered = new HashMap<>();
    private final AtomicLong deliveredCount = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final QueryCursor<Cache.Entry<JournalKey, JournalRecord>> cursor;
    private volatile boolean closed;

    ClusterWatch(ClusterCaches caches, JournalFilter filter, Consumer<ChangeEvent> listener, long startMicros) {
        this.journal = caches.journal();
        this.values = caches.values();
        this.filter = filter;
        this.listener = listener;
        this.startMicros = startMicros;
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shared-state-watch");
            thread.setDaemon(true);
            return thread;
        });
        ContinuousQuery<JournalKey, JournalRecord> query = new ContinuousQuery<>();
        query.setRemoteFilterFactory(FactoryBuilder.factoryOf(filter));
        query.setLocalListener(events -> {
            for (CacheEntryEvent<? extends JournalKey, ? extends JournalRecord> event : events) {
                JournalKey key = event.getKey();
                JournalRecord record = event.getValue();
                try {
                    delivery.execute(() -> deliver(key, record));
                } catch (RejectedExecutionException e) {
                    // Closed meanwhile: the close's catch-up delivers what was committed before it.
                    return;
                }
            }
        });
        this.cursor = journal.query(query);
    }

    @Override
    public long delivered() {
        return deliveredCount.get();
    }

    @Override
    public long missed() {
        return missed.get();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cursor.close();
        delivery.execute(this::catchUp);
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(1, TimeUnit.MINUTES)) {
                ClusterLog.LOG.warn("a watch listener is still running a minute after its subscription closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(JournalKey key, JournalRecord record) {
        String id = key.name() + '#' + key.generation();
        long[] last = delivered.computeIfAbsent(id, ignored -> new long[] {0});
        if (last[0] != 0 && key.version() <= last[0]) {
            return;
        }
        if (last[0] != 0) {
            for (long version = last[0] + 1; version < key.version(); version++) {
                deliverFromJournal(new JournalKey(key.name(), key.generation(), version), last);
            }
        }
        hand(key, record, last);
    }

    /** Delivers what was committed before the close but has not arrived: each matching key up to its version. */
    private void catchUp() {
        ScanQuery<String, StoredValue> scan = new ScanQuery<>(new NamePredicate(filter));
        List<Cache.Entry<String, StoredValue>> keys = values.query(scan).getAll();
        for (Cache.Entry<String, StoredValue> entry : keys) {
            String name = entry.getKey();
            StoredValue value = entry.getValue();
            long[] last = delivered.computeIfAbsent(name + '#' + value.generation(), ignored -> new long[] {0});
            long from = last[0] != 0 ? last[0] + 1 : firstVersionSinceStart(name, value);
            for (long version = from; version <= value.version(); version++) {
                deliverFromJournal(new JournalKey(name, value.generation(), version), last);
            }
        }
    }

    /** The first version of a key committed after this watch started (records carry their commit time). */
    private long firstVersionSinceStart(String name, StoredValue value) {
        long version = value.version();
        while (version > 1) {
            JournalRecord record = journal.get(new JournalKey(name, value.generation(), version - 1));
            if (record == null || record.timeMicros() < startMicros) {
                break;
            }
            version--;
        }
        JournalRecord newest = journal.get(new JournalKey(name, value.generation(), version));
        return newest != null && newest.timeMicros() >= startMicros ? version : value.version() + 1;
    }

    private void deliverFromJournal(JournalKey key, long[] last) {
        JournalRecord record = journal.get(key);
        if (record == null) {
            missed.incrementAndGet();
            last[0] = key.version();
            return;
        }
        hand(key, record, last);
    }

    private void hand(JournalKey key, JournalRecord record, long[] last) {
        last[0] = key.version();
        try {
            listener.accept(record.toEvent(key));
            deliveredCount.incrementAndGet();
        } catch (RuntimeException e) {
            ClusterLog.LOG.warn("a watch listener threw on the event of key \"{}\" version {}", key.name(),
                    key.version(), e);
        }
    }
}
