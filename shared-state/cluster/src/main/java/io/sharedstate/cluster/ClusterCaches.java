package io.sharedstate.cluster;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The two caches that hold a cluster store: the values, one entry per key, and the journal, one record per change.
 * Both are transactional, so that a change and its record commit together, with {@code backups} copies of each
 * partition on other members, written synchronously: an acknowledged change survives the death of any
 * {@code backups} members.
 *
 * @param values the values cache
 * @param journal the journal cache
 */
record ClusterCaches(IgniteCache<String, StoredValue> values, IgniteCache<JournalKey, JournalRecord> journal) {
    static final String VALUES = "sharedstate-values";
    static final String JOURNAL = "sharedstate-journal";

    /** Returns the caches of {@code ignite}, creating them with {@code config}'s settings on first use. */
    static ClusterCaches of(Ignite ignite, ClusterConfig config) {
        return new ClusterCaches(ignite.getOrCreateCache(configuration(VALUES, config)),
                ignite.getOrCreateCache(configuration(JOURNAL, config)));
    }

    private static <K, V> CacheConfiguration<K, V> configuration(String name, ClusterConfig config) {
        return new CacheConfiguration<K, V>(name)
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
                .setBackups(config.backups())
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                // A partition whose every copy is gone fails calls instead of answering as if its keys were absent.
                .setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE)
                .setAffinity(new RendezvousAffinityFunction(false, config.partitions()));
    }
}
