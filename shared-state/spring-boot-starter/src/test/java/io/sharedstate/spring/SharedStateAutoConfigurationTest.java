package io.sharedstate.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharedstate.SharedState;
import io.sharedstate.store.DieHoldingIndexLock;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The starter in a real Boot application: the bean, its settings, its meters and its health. */
@SpringBootTest(properties = {"sharedstate.capacity=500", "sharedstate.data-bytes=2MB",
        "sharedstate.journal-retention=2h", "sharedstate.metrics.keys=hits,absent",
        "sharedstate.metrics.max-age=0s"})
class SharedStateAutoConfigurationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    @Autowired
    SharedState state;

    @Autowired
    MeterRegistry registry;

    @Autowired
    HealthContributorRegistry health;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry properties) {
        properties.add("sharedstate.directory", () -> dir.resolve("store").toString());
    }

    @Test
    void theBeanIsTheStoreWithThePropertiesSettings() {
        assertEquals(dir.resolve("store"), state.directory());
        assertEquals(500, state.settings().capacity());
        assertEquals(2L << 20, state.settings().dataBytes());
        assertEquals(Duration.ofHours(2), state.settings().journalRetention());
        assertFalse(state.isReadOnly());
    }

    @Test
    void theStatisticsAndTheChosenKeysAreMeters() {
        state.longValue("hits", 41).incrementAndGet();
        assertEquals(42, registry.get("sharedstate.value").tag("key", "hits").gauge().value());
        assertTrue(Double.isNaN(registry.get("sharedstate.value").tag("key", "absent").gauge().value()));
        assertEquals(state.statistics().keys(), registry.get("sharedstate.keys").gauge().value());
        assertEquals(500, registry.get("sharedstate.keys.capacity").gauge().value());
        assertNotNull(registry.get("sharedstate.lock.recoveries").functionCounter());
    }

    @Test
    void theHealthIndicatorIsRegisteredAndUp() {
        SharedStateHealthIndicator indicator = (SharedStateHealthIndicator) health.getContributor("sharedState");
        assertNotNull(indicator, "the contributor named after the bean");
        assertEquals(Status.UP, indicator.health().getStatus());
        assertEquals(500L, indicator.health().getDetails().get("capacity"));
    }

    /** Without the directory property the starter opens nothing, and the application starts as before. */
    @Test
    void withoutADirectoryThereIsNoStore() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SharedStateAutoConfiguration.class))
                .run(context -> {
                    assertFalse(context.containsBean("sharedState"));
                    assertTrue(context.getStartupFailure() == null);
                });
    }

    @Test
    void theStoreIsClosedWithTheContext(@TempDir Path other) {
        SharedState[] opened = new SharedState[1];
        runner(other).run(context -> {
            opened[0] = context.getBean(SharedState.class);
            assertFalse(opened[0].isClosed());
        });
        assertTrue(opened[0].isClosed());
    }

    @Test
    void healthIsDownWhileALockIsHeldByADeadProcessAndUpOnceAWriterTookItOver(@TempDir Path other)
            throws Exception {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", other, "balance")) {
            holder.awaitLine("ready", TIMEOUT);
            holder.kill9();
            holder.waitFor(TIMEOUT);
        }
        // A read-only application repairs nothing: the dead owner's lock stays until a writer comes.
        runner(other).withPropertyValues("sharedstate.read-only=true").run(context -> {
            SharedStateHealthIndicator indicator = context.getBean(SharedStateHealthIndicator.class);
            assertEquals(Status.DOWN, indicator.health().getStatus(), () -> indicator.health().toString());
            Map<String, Object> details = indicator.health().getDetails();
            assertEquals(1L, details.get("locksHeldByDeadOwners"), details::toString);
        });
        runner(other).run(context -> {
            context.getBean(SharedState.class).longValue("balance").incrementAndGet();
            SharedStateHealthIndicator indicator = context.getBean(SharedStateHealthIndicator.class);
            assertEquals(Status.UP, indicator.health().getStatus(), () -> indicator.health().toString());
        });
    }

    @Test
    void healthIsDownWhileAProcessThatDiedHoldsTheKeyIndex(@TempDir Path other) throws Exception {
        try (SharedState state = SharedState.open(other)) {
            state.longValue("a", 1);
        }
        DieHoldingIndexLock.killHoldingTheIndexOf(other);
        // A read-only application opens the store without looking a key up: the index stays as the dead process
        // left it until a call takes its lock.
        runner(other).withPropertyValues("sharedstate.read-only=true").run(context -> {
            SharedStateHealthIndicator indicator = context.getBean(SharedStateHealthIndicator.class);
            Health health = indicator.health();
            assertEquals(Status.DOWN, health.getStatus(), health::toString);
            assertTrue(((Number) health.getDetails().get("stuckSegments")).longValue() > 0, health::toString);
        });
    }

    private static ApplicationContextRunner runner(Path directory) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SharedStateAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class))
                .withPropertyValues("sharedstate.directory=" + directory);
    }
}
