package io.sharedstate.spring;

import io.sharedstate.SharedState;
import io.sharedstate.StoreStatistics;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The store's health: DOWN while segments are stuck (a process died inside a Chronicle Map call) or a lock is held
 * by a process that died, both of which a writing process repairs within about a second; UP otherwise, with the
 * store's other problems (full, journal not drained) and vital figures as details.
 */
public class SharedStateHealthIndicator extends AbstractHealthIndicator {
    private final SharedState state;

    /**
     * Returns an indicator of {@code state}'s health.
     *
     * @param state the store whose {@link SharedState#statistics() statistics} each check reads
     */
    public SharedStateHealthIndicator(SharedState state) {
        super("shared-state health check failed");
        this.state = state;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        StoreStatistics statistics = state.statistics();
        if (statistics.stuckSegments() > 0 || statistics.locksHeldByDeadOwners() > 0) {
            builder.down();
        } else {
            builder.up();
        }
        builder.withDetail("store", statistics.store())
                .withDetail("keys", statistics.keys())
                .withDetail("capacity", statistics.capacity())
                .withDetail("keyHeadroom", statistics.keyHeadroom())
                .withDetail("liveProcesses", statistics.liveProcesses())
                .withDetail("deadProcesses", statistics.deadProcesses())
                .withDetail("locksHeld", statistics.locks().size())
                .withDetail("locksHeldByDeadOwners", statistics.locksHeldByDeadOwners())
                .withDetail("stuckSegments", statistics.stuckSegments())
                .withDetail("journalPendingBytes", statistics.journal().pendingBytes())
                .withDetail("problems", statistics.problems());
    }
}
