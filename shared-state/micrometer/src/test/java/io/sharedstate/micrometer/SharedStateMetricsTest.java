package io.sharedstate.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedStateMetricsTest {
    @TempDir
    Path dir;

    @Test
    void gaugesFollowTheStoreAndTheChosenKeys() {
        try (SharedState state = SharedState.builder(dir).capacity(50).open()) {
            SharedLong hits = state.longValue("hits", 7);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SharedStateMetrics.builder(state).key("hits").key("later").maxAge(Duration.ZERO).tag("app", "test")
                    .build().bindTo(registry);
            // Micrometer holds a gauge's object weakly unless told otherwise: the binder's must survive a GC.
            System.gc();

            assertEquals(1, registry.get("sharedstate.keys").tag("app", "test").tag("store", dir.toString())
                    .gauge().value());
            assertEquals(50, registry.get("sharedstate.keys.capacity").gauge().value());
            assertEquals(49, registry.get("sharedstate.keys.headroom").gauge().value());
            assertEquals(1, registry.get("sharedstate.processes").tag("state", "live").gauge().value());
            assertEquals(0, registry.get("sharedstate.processes").tag("state", "dead").gauge().value());
            assertEquals(7, registry.get("sharedstate.value").tag("key", "hits").gauge().value());
            assertTrue(Double.isNaN(registry.get("sharedstate.value").tag("key", "later").gauge().value()),
                    "a key that does not exist yet");

            hits.addAndGet(5);
            state.doubleValue("later", 2.5);
            state.intValue("other", 1);
            assertEquals(12, registry.get("sharedstate.value").tag("key", "hits").gauge().value());
            assertEquals(2.5, registry.get("sharedstate.value").tag("key", "later").gauge().value());
            assertEquals(3, registry.get("sharedstate.keys").gauge().value());
            FunctionCounter recoveries = registry.get("sharedstate.lock.recoveries").functionCounter();
            assertEquals(0, recoveries.count());

            state.remove("later");
            assertTrue(Double.isNaN(registry.get("sharedstate.value").tag("key", "later").gauge().value()),
                    "a removed key is not created again by its gauge");
            assertEquals(false, state.contains("later"));

            state.close();
            assertTrue(Double.isNaN(registry.get("sharedstate.keys").gauge().value()), "a closed store");
            assertTrue(Double.isNaN(registry.get("sharedstate.value").tag("key", "hits").gauge().value()));
        }
    }

    @Test
    void oneReadingServesAllMetersWithinItsMaxAge() {
        try (SharedState state = SharedState.open(dir)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SharedStateMetrics.builder(state).maxAge(Duration.ofHours(1)).build().bindTo(registry);
            assertEquals(0, registry.get("sharedstate.keys").gauge().value());
            state.longValue("a", 1);
            assertEquals(0, registry.get("sharedstate.keys").gauge().value(), "the reading is an hour old at most");
        }
    }

    @Test
    void prometheusScrapeHasTheFamiliesWithUnitsAndTotals() {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("orders.open", 3).incrementAndGet();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            SharedStateMetrics.builder(state).key("orders.open").build().bindTo(registry);
            String scrape = registry.scrape();
            assertTrue(scrape.contains("# TYPE sharedstate_keys gauge"), scrape);
            assertTrue(scrape.contains("sharedstate_keys{store=\"" + dir + "\"} 1.0"), scrape);
            assertTrue(scrape.contains("sharedstate_value{key=\"orders.open\",store=\"" + dir + "\"} 4.0"), scrape);
            assertTrue(scrape.contains("# TYPE sharedstate_lock_recoveries_total counter"), scrape);
            assertTrue(scrape.contains("sharedstate_journal_size_bytes{"), scrape);
            assertTrue(scrape.contains("sharedstate_locks_longest_hold_seconds{"), scrape);
            assertTrue(scrape.contains("sharedstate_processes{state=\"live\""), scrape);
        }
    }
}
