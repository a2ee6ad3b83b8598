package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.KeyRemovedException;
import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedDoubleArray;
import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.SharedValue;
import io.sharedstate.SharedValueArray;
import io.sharedstate.TypeMismatchException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's contract on a one-member cluster in this JVM: the same behaviour as a local store, or the documented difference. */
class ClusterApiTest {
    @TempDir
    static Path dir;
    static SharedState state;

    @BeforeAll
    static void join() {
        state = TestClusters.member(dir.resolve("m0"), 0, 1).open();
    }

    @AfterAll
    static void leave() {
        state.close();
    }

    @Test
    void valuesOfEveryTypecodeWrapAsCtypesDoes() {
        assertEquals(0, state.value("api.B", 'B', 255).incrementAndGet().intValue());
        assertEquals(-128, state.value("api.b", 'b', 127).incrementAndGet().intValue());
        assertEquals(65535, state.value("api.H", 'H', 0).decrementAndGet().intValue());
        assertEquals(Integer.MIN_VALUE, state.intValue("api.i", Integer.MAX_VALUE).incrementAndGet());
        assertEquals(0.5f, state.value("api.f", 'f', 0.25).addAndGet(0.25).floatValue());
        assertEquals(Long.MIN_VALUE, state.longValue("api.q", Long.MAX_VALUE).incrementAndGet());
        SharedValue flag = state.value("api.bool", '?', 0);
        flag.set(1);
        assertEquals(1, flag.get().intValue());
    }

    @Test
    void arraysChangeElementByElementAndWhole() {
        SharedDoubleArray doubles = state.doubleArray("api.d[]", 0.0, 1.0, 2.0);
        assertEquals(3.5, doubles.addAndGet(2, 1.5));
        doubles.set(new double[] {5, 6, 7});
        assertEquals(List.of(5.0, 6.0, 7.0), List.of(doubles.get(0), doubles.get(1), doubles.get(2)));
        SharedValueArray bytes = state.array("api.B[]", 'B', 2);
        assertEquals(255, bytes.addAndGet(1, -1).intValue());
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.get(2));
        assertThrows(TypeMismatchException.class, () -> state.array("api.B[]", 'B', 3));
        assertThrows(TypeMismatchException.class, () -> state.longValue("api.B[]"));
    }

    @Test
    void updateAndGetRunsTheFunctionOncePerCall() {
        SharedLong counter = state.longValue("api.update", 1);
        AtomicInteger runs = new AtomicInteger();
        assertEquals(2, counter.updateAndGet(value -> {
            runs.incrementAndGet();
            return value * 2;
        }));
        assertEquals(1, runs.get());
        assertThrows(IllegalStateException.class, () -> counter.updateAndGet(value -> {
            throw new IllegalStateException("no");
        }));
        assertEquals(2, counter.get(), "a function that throws changes nothing");
    }

    @Test
    void locksAreReentrantAndOnlyTheirOwnerUnlocksThem() throws Exception {
        state.longValue("api.lock", 0);
        try (SharedLock lock = state.lock("api.lock")) {
            try (SharedLock again = state.lock("api.lock")) {
                assertEquals(2, again.holdCount());
            }
            assertTrue(lock.isHeldByCurrentThread());
            Thread other = new Thread(() -> {
                assertThrows(IllegalMonitorStateException.class, lock::unlock);
                assertTrue(state.tryLock("api.lock", Duration.ofMillis(100)).isEmpty());
            });
            other.start();
            other.join();
        }
        assertTrue(state.tryLock("api.lock", Duration.ZERO).isPresent(), "free after close");
    }

    @Test
    void removingAKeyWaitsForItsLockAsLocally() throws Exception {
        state.longValue("api.locked.gone", 1);
        Thread remover = new Thread(() -> state.remove("api.locked.gone"));
        try (SharedLock lock = state.lock("api.locked.gone")) {
            remover.start();
            remover.join(300);
            assertTrue(remover.isAlive() && state.contains("api.locked.gone"), "remove waits while the lock is held");
        }
        remover.join();
        assertFalse(state.contains("api.locked.gone"));
    }

    @Test
    void removedKeysMakeTheirHandlesThrowUntilReattached() {
        SharedLong gone = state.longValue("api.gone", 5);
        assertTrue(state.contains("api.gone"));
        assertTrue(state.remove("api.gone"));
        assertFalse(state.remove("api.gone"));
        assertThrows(KeyRemovedException.class, gone::get);
        assertThrows(NoSuchKeyException.class, () -> state.info("api.gone"));
        SharedLong again = gone.reattach();
        assertEquals(0, again.get());
        assertTrue(state.names("api.").contains("api.gone"));
    }

    @Test
    void watchersSeeEachChangeOnceAndTheJournalReplaysTheValues() throws Exception {
        List<ChangeEvent> seen = new CopyOnWriteArrayList<>();
        SharedLong hits = state.longValue("watch.hits", 0);
        try (var subscription = state.watch("watch.hits", seen::add)) {
            for (int i = 0; i < 20; i++) {
                hits.incrementAndGet();
            }
            state.longValue("watch.hitsPerSecond", 1).incrementAndGet();
        }
        assertEquals(20, seen.size(), "closing delivers what was committed; the exact key only: " + seen);
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 2, seen.get(i).sequence());
            assertEquals((long) i + 1, seen.get(i).values().get(0).longValue());
        }
        Map<String, Object> replayed = state.journal().replay();
        assertEquals(20L, ((Number) replayed.get("watch.hits")).longValue());
        assertEquals(2L, ((Number) replayed.get("watch.hitsPerSecond")).longValue());
    }

    @Test
    void theDocumentedDifferencesHold() {
        assertThrows(UnsupportedOperationException.class, () -> state.withJournal(io.sharedstate.JournalMode.OFF),
                "every change is journaled in its transaction");
        assertEquals(dir.resolve("m0"), state.directory(), "a member's directory is its data directory");
        SharedLong perKey = state.longValue("diff.sequence", 0);
        perKey.incrementAndGet();
        state.longValue("diff.other", 0).incrementAndGet();
        perKey.incrementAndGet();
        List<Long> sequences = state.journal().events().filter(event -> event.key().equals("diff.sequence"))
                .map(ChangeEvent::sequence).collect(java.util.stream.Collectors.toList());
        assertEquals(List.of(1L, 2L, 3L), sequences, "an event's sequence is its key's version");
        assertTrue(state.journal().awaitCaughtUp(Duration.ZERO), "records commit with their changes");
    }

    @Test
    void syncCheckpointsEveryMember() {
        state.longValue("api.sync", 3).incrementAndGet();
        state.sync();
        assertEquals(4, state.longValue("api.sync").get());
    }
}
