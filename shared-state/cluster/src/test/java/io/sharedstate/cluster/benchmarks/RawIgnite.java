package io.sharedstate.cluster.benchmarks;

import io.sharedstate.cluster.benchmarks.RawEntries.JournalKey;
import io.sharedstate.cluster.benchmarks.RawEntries.Owner;
import io.sharedstate.cluster.benchmarks.RawEntries.Record;
import io.sharedstate.cluster.benchmarks.RawEntries.Value;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.transactions.Transaction;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.event.CacheEntryEvent;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

import static org.apache.ignite.transactions.TransactionConcurrency.OPTIMISTIC;
import static org.apache.ignite.transactions.TransactionConcurrency.PESSIMISTIC;
import static org.apache.ignite.transactions.TransactionIsolation.REPEATABLE_READ;
import static org.apache.ignite.transactions.TransactionIsolation.SERIALIZABLE;

/**
 * The engine calls the layer wraps, made directly on the same Ignite node: reads of the layer's own values cache,
 * and transactions, entry processors and explicit locks on caches of the benchmark's own whose configuration is
 * copied from the layer's (transactional, same backups, FULL_SYNC, same affinity, same persistent region). Each
 * method mirrors one layer operation's cache calls and nothing else.
 */
final class RawIgnite {
    /** The layer's cache names (ClusterCaches', package-private there). */
    static final String LAYER_VALUES = "sharedstate-values";
    static final String LAYER_JOURNAL = "sharedstate-journal";
    /** The layer's transaction timeout: its retry budget, 40 s with the default failure detection. */
    private static final long TX_TIMEOUT_MILLIS = 40_000;

    private final Ignite ignite;
    private final IgniteCache<String, Object> layerValues;
    private final IgniteCache<Object, Object> layerJournal;
    private final IgniteCache<String, Value> values;
    private final IgniteCache<JournalKey, Record> journal;
    private final IgniteCache<String, Long> atomicCounters;
    private final IgniteCache<String, Long> txCounters;
    private final UUID node;
    private final int pid = (int) ProcessHandle.current().pid();
    /** Stands in for the layer's random operation ids: the same 16 bytes on the wire, none of its cost to make. */
    private final AtomicLong operations = new AtomicLong();

    RawIgnite(Ignite ignite) {
        this.ignite = ignite;
        this.layerValues = required(ignite, LAYER_VALUES);
        this.layerJournal = required(ignite, LAYER_JOURNAL);
        this.values = ignite.getOrCreateCache(copyOfLayer("bench-raw-values", CacheAtomicityMode.TRANSACTIONAL));
        this.journal = ignite.getOrCreateCache(copyOfLayer("bench-raw-journal", CacheAtomicityMode.TRANSACTIONAL));
        this.atomicCounters = ignite.getOrCreateCache(copyOfLayer("bench-raw-atomic", CacheAtomicityMode.ATOMIC));
        this.txCounters = ignite.getOrCreateCache(copyOfLayer("bench-raw-tx", CacheAtomicityMode.TRANSACTIONAL));
        this.node = ignite.cluster().localNode().id();
    }

    /** The names of the caches whose keys must sit on the same members as the layer's. */
    static String[] cacheNames() {
        return new String[] {LAYER_VALUES, "bench-raw-values", "bench-raw-atomic", "bench-raw-tx"};
    }

    /** Creates the raw entries of {@code key} that the methods below change. */
    void create(String key) {
        values.put(key, Value.created(System.nanoTime() | 1, pid));
        atomicCounters.put(key, 0L);
        txCounters.put(key, 0L);
    }

    /** What the layer's get() wraps: one read of the key's entry in the layer's own values cache. */
    Object layerGet(String key) {
        return layerValues.get(key);
    }

    /** What the layer's incrementAndGet() wraps: a pessimistic transaction that reads, writes and journals. */
    long transactionalIncrement(String key) {
        try (Transaction tx = begin()) {
            long next = writeIncrement(key, values.get(key));
            tx.commit();
            return next;
        }
    }

    /**
     * The same reads and writes in an optimistic serializable transaction, whose locks are all taken at commit, in
     * one round trip to the primary, rather than one round trip per key as the pessimistic one does: what the
     * layer's increment could cost (single-threaded here, so it never meets a conflict it would have to retry).
     */
    long optimisticIncrement(String key) {
        try (Transaction tx = ignite.transactions().txStart(OPTIMISTIC, SERIALIZABLE, TX_TIMEOUT_MILLIS, 2)) {
            long next = writeIncrement(key, values.get(key));
            tx.commit();
            return next;
        }
    }

    long invokeAtomic(String key) {
        return atomicCounters.invoke(key, new RawEntries.Increment());
    }

    long invokeTransactional(String key) {
        return txCounters.invoke(key, new RawEntries.Increment());
    }

    /**
     * What the layer's {@code lock(); set(get() + 1); unlock()} wraps: a transaction that names this thread in the
     * entry, a read, the change's transaction, and a transaction that clears the name.
     */
    long lockSection(String key) {
        long thread = Thread.currentThread().getId();
        try (Transaction tx = begin()) {
            Value current = values.get(key);
            if (current.owner() != null) {
                throw new IllegalStateException("raw key " + key + " is locked: only this thread locks it");
            }
            values.put(key, current.ownedBy(new Owner(node, thread, pid, System.currentTimeMillis())));
            tx.commit();
        }
        long read = values.get(key).value();
        long next;
        try (Transaction tx = begin()) {
            next = writeIncrement(key, values.get(key));
            tx.commit();
        }
        try (Transaction tx = begin()) {
            Value current = values.get(key);
            if (current.owner() == null || !current.owner().isThread(node, thread)) {
                throw new IllegalStateException("raw key " + key + " lost its lock");
            }
            values.put(key, current.ownedBy(null));
            tx.commit();
        }
        if (next != read + 1) {
            throw new IllegalStateException("raw key " + key + " changed inside its lock section");
        }
        return next;
    }

    /** The same section under Ignite's own explicit lock: what a raw-Ignite user could write instead. */
    long explicitLockSection(String key) {
        Lock lock = values.lock(key);
        lock.lock();
        try {
            return writeIncrement(key, values.get(key));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a continuous query on the layer's journal cache for new records of {@code key}, filtered on the
     * members as the layer's watch is; {@code seen} runs in Ignite's listener thread once each event's key and
     * record are deserialized (the layer needs both).
     */
    QueryCursor<Cache.Entry<Object, Object>> watchLayerJournal(String key, Runnable seen) {
        ContinuousQuery<Object, Object> query = new ContinuousQuery<>();
        query.setRemoteFilterFactory(FactoryBuilder.factoryOf(new RawEntries.NewRecordsOf(key)));
        query.setLocalListener(events -> {
            for (CacheEntryEvent<?, ?> event : events) {
                if (event.getKey() != null && event.getValue() != null) {
                    seen.run();
                }
            }
        });
        return layerJournal.query(query);
    }

    private long writeIncrement(String key, Value current) {
        Value next = current.incremented(pid);
        values.put(key, next);
        journal.put(new JournalKey(key, next.generation(), next.version()),
                new Record(System.currentTimeMillis() * 1_000, pid, next.value(),
                        new UUID(node.getMostSignificantBits(), operations.incrementAndGet())));
        return next.value();
    }

    private Transaction begin() {
        return ignite.transactions().txStart(PESSIMISTIC, REPEATABLE_READ, TX_TIMEOUT_MILLIS, 2);
    }

    @SuppressWarnings("unchecked")
    private <K, V> CacheConfiguration<K, V> copyOfLayer(String name, CacheAtomicityMode mode) {
        CacheConfiguration<K, V> layer = layerValues.getConfiguration(CacheConfiguration.class);
        return new CacheConfiguration<>(layer).setName(name).setAtomicityMode(mode);
    }

    private static <K, V> IgniteCache<K, V> required(Ignite ignite, String name) {
        IgniteCache<K, V> cache = ignite.cache(name);
        if (cache == null) {
            throw new IllegalStateException("the layer's cache " + name + " does not exist: has ClusterCaches "
                    + "renamed it? Open the store before the raw caches");
        }
        return cache;
    }
}
