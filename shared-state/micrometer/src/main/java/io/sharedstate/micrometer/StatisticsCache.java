package io.sharedstate.micrometer;

import io.sharedstate.SharedState;
import io.sharedstate.SharedStateException;
import io.sharedstate.StoreStatistics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One reading of a store's statistics, taken again when older than its maximum age: a scrape reads dozens of meters
 * and each reading scans the store. Null while the store cannot be read (closed).
 */
final class StatisticsCache {
    private final SharedState state;
    private final long maxAgeNanos;
    private StoreStatistics latest;
    private long takenAtNanos;

    StatisticsCache(SharedState state, Duration maxAge) {
        this.state = state;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Returns the latest reading, taking a new one if it is too old; null if the store cannot be read. */
    synchronized StoreStatistics latest() {
        long now = System.nanoTime();
        if (latest == null || now - takenAtNanos > maxAgeNanos) {
            latest = readOrNull();
            takenAtNanos = now;
        }
        return latest;
    }

    /** Returns the value of the metric of this name and tags, or NaN. */
    double value(String name, Map<String, String> tags) {
        StoreStatistics statistics = latest();
        if (statistics == null) {
            return Double.NaN;
        }
        for (StoreStatistics.Metric metric : statistics.metrics()) {
            if (metric.name().equals(name) && metric.tags().equals(tags)) {
                return metric.value();
            }
        }
        return Double.NaN;
    }

    /** Returns the metrics of the latest reading, or none if the store cannot be read. */
    List<StoreStatistics.Metric> metricsOrEmpty() {
        StoreStatistics statistics = latest();
        return statistics == null ? List.of() : statistics.metrics();
    }

    private StoreStatistics readOrNull() {
        if (state.isClosed()) {
            return null;
        }
        try {
            return state.statistics();
        } catch (SharedStateException e) {
            // A store closed between the check and the reading: the meters show NaN, as for a closed store.
            return null;
        }
    }
}
