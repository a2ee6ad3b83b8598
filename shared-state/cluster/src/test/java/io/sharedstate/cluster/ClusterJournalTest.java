package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster journal's history, replay at an instant, and retention with a cap. */
class ClusterJournalTest {
    /** The ports of this class's one-member clusters (see {@link TestClusters}). */
    private static final int LANE = 6;

    @TempDir
    Path dir;

    @Test
    void replayRebuildsTheValuesAtAnInstantAndTheCapKeepsTheNewestRecordOfEachKey() {
        try (SharedState state = TestClusters.member(LANE, dir, 0, 1).journalRetention(Duration.ofDays(1), 10)
                .open()) {
            SharedLong early = state.longValue("j.early", 0);
            for (int i = 0; i < 20; i++) {
                early.incrementAndGet();
            }
            Instant between = awaitNextMillisecond();
            SharedLong late = state.longValue("j.late", 0);
            for (int i = 0; i < 20; i++) {
                late.incrementAndGet();
                early.incrementAndGet();
            }
            assertEquals(20L, ((Number) state.journal().replay(between).get("j.early")).longValue());
            assertTrue(!state.journal().replay(between).containsKey("j.late"), "created after the instant");
            assertEquals(21, state.journal().events(Instant.EPOCH, between).count());

            int pruned = ((ClusterSharedState) state).pruneJournal();
            List<ChangeEvent> kept = state.journal().events().collect(Collectors.toList());
            assertEquals(62 - 10, pruned, "62 records (two creations, 60 increments), a cap of 10");
            assertEquals(10, kept.size());
            assertEquals(List.of(40L, 20L), List.of(
                    ((Number) state.journal().replay().get("j.early")).longValue(),
                    ((Number) state.journal().replay().get("j.late")).longValue()),
                    "the newest records are kept, so a replay ends at the values");
        }
    }

    @Test
    void retentionDeletesOldRecordsButNeverAKeysNewest() {
        try (SharedState state = TestClusters.member(LANE, dir, 0, 1).journalRetention(Duration.ZERO, 1_000)
                .open()) {
            SharedLong counter = state.longValue("j.old", 0);
            for (int i = 0; i < 5; i++) {
                counter.incrementAndGet();
            }
            awaitNextMillisecond();
            assertEquals(5, ((ClusterSharedState) state).pruneJournal());
            List<ChangeEvent> kept = state.journal().events().collect(Collectors.toList());
            assertEquals(1, kept.size());
            assertEquals(6, kept.get(0).sequence(), "the newest record stays");
        }
    }

    private static Instant awaitNextMillisecond() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now) {
            Thread.onSpinWait();
        }
        Instant instant = Instant.now();
        while (System.currentTimeMillis() <= instant.toEpochMilli()) {
            Thread.onSpinWait();
        }
        return instant;
    }
}
