package io.sharedstate;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The change journal: every change from every process, in each key's order, watchable and replayable. */
@Isolated
class JournalTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void aProcessWatchingSeesEveryChangeOfTwoWritersInPerKeyOrder() {
        int increments = 2_000;
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("w.a", 0);
            state.longValue("w.b", 0);
            state.longValue("other", 0);
        }
        try (JavaProcess watcher = JavaProcess.start(Worker.class, "watch", dir, "w.", 2 * increments)) {
            watcher.awaitLine("ready", TIMEOUT);
            try (JavaProcess a = JavaProcess.start(Worker.class, "increment", dir, "w.a", increments);
                 JavaProcess b = JavaProcess.start(Worker.class, "increment", dir, "w.b", increments);
                 JavaProcess noise = JavaProcess.start(Worker.class, "increment", dir, "other", 100)) {
                a.awaitSuccess(TIMEOUT);
                b.awaitSuccess(TIMEOUT);
                noise.awaitSuccess(TIMEOUT);
            }
            List<String> events = new ArrayList<>();
            while (events.size() < 2 * increments) {
                String line = watcher.nextLine(TIMEOUT);
                assertTrue(line.startsWith("event"), line);
                events.add(line);
            }
            watcher.awaitSuccess(TIMEOUT);
            assertTrue(watcher.drainLines().stream().noneMatch(line -> line.startsWith("event")), "nothing else");
            for (String key : List.of("w.a", "w.b")) {
                List<Long> values = events.stream().map(line -> line.split(" "))
                        .filter(fields -> fields[3].equals(key))
                        .map(fields -> Long.parseLong(fields[5].replaceAll("[\\[\\]]", "")))
                        .collect(Collectors.toList());
                List<Long> expected = Stream.iterate(1L, v -> v + 1).limit(increments).collect(Collectors.toList());
                assertEquals(expected, values, "every event of " + key + ", in order");
            }
        }
    }

    @Test
    void replayingTheJournalReproducesTheStateAfterFourProcessesOfMixedOperations() {
        runMixed(4, 50_000, 0);
        try (SharedState state = SharedState.open(dir)) {
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), "the journal catches up");
            assertEquals(currentValues(state), state.journal().replay());
        }
    }

    @Test
    void replayingToAPastInstantGivesTheValuesOfThatInstant() throws InterruptedException {
        runMixed(2, 20_000, 0);
        SortedMap<String, Object> then;
        Instant instant;
        try (SharedState state = SharedState.open(dir)) {
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), "the journal catches up");
            then = currentValues(state);
            instant = Instant.now();
        }
        Thread.sleep(5);
        runMixed(2, 20_000, 100);
        try (SharedState state = SharedState.open(dir)) {
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), "the journal catches up");
            SortedMap<String, Object> now = currentValues(state);
            assertTrue(!now.equals(then), "the second run changed something");
            SortedMap<String, Object> replayed = new TreeMap<>(state.journal().replay(instant));
            assertEquals(then, replayed);
            assertEquals(now, state.journal().replay());
        }
    }

    @Test
    void keysWithJournalingOffProduceNoEventsAndOnIsTheDefault() {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("audited", 0).incrementAndGet();
            state.withJournal(JournalMode.OFF).longValue("hot", 0).incrementAndGet();
            state.longValue("hot").addAndGet(5);
            assertEquals(JournalMode.ON, state.info("audited").journal());
            assertEquals(JournalMode.OFF, state.info("hot").journal());
            try (Stream<ChangeEvent> events = state.journal().events()) {
                List<String> keys = events.map(ChangeEvent::key).collect(Collectors.toList());
                assertEquals(List.of("audited", "audited"), keys);
            }
        }
        try (SharedState state = SharedState.builder(dir.resolve("quiet")).journal(JournalMode.OFF).open()) {
            state.longValue("x", 0).incrementAndGet();
            assertEquals(-1, state.journal().lastSequence());
            assertEquals(JournalMode.ON, state.withJournal(JournalMode.ON).longValue("y", 0).info().journal());
            assertEquals(1, state.journal().events().count());
        }
    }

    /** Regression: the journal's background open once raced with its retention thread, leaving a read-only queue. */
    @Test
    void aStoreJustCreatedJournalsItsFirstChanges() {
        for (int i = 0; i < 30; i++) {
            try (SharedState state = SharedState.open(dir.resolve("store-" + i))) {
                state.longValue("first", 1).incrementAndGet();
                assertEquals(2, state.journal().events().count());
            }
        }
    }

    @Test
    void eventsCarryTheSequenceTimePidKeyOperationIndexValueAndDelta() {
        Instant before = Instant.now();
        try (SharedState state = SharedState.open(dir)) {
            state.longArray("arr", 3).addAndGet(2, 7);
            state.longValue("v", 1).compareAndSet(1, 4);
            state.doubleArray("d", 2).fill(0.5);
            state.remove("v");
            try (Stream<ChangeEvent> stream = state.journal().events()) {
                List<ChangeEvent> events = stream.collect(Collectors.toList());
                assertEquals(List.of(Operation.CREATE, Operation.ARRAY_ADD, Operation.CREATE, Operation.CAS,
                        Operation.CREATE, Operation.FILL, Operation.REMOVE),
                        events.stream().map(ChangeEvent::operation).collect(Collectors.toList()));
                ChangeEvent add = events.get(1);
                assertEquals(ProcessHandle.current().pid(), add.pid());
                assertEquals(2, add.index());
                assertEquals(7L, add.value());
                assertEquals(7L, add.delta());
                assertEquals(List.of(0.5, 0.5), events.get(5).values());
                assertTrue(!add.time().isBefore(before) && !add.time().isAfter(Instant.now()));
                assertTrue(add.time().getNano() % 1_000_000 != 0 || events.get(2).time().getNano() % 1_000_000 != 0,
                        "microsecond precision");
                for (int i = 1; i < events.size(); i++) {
                    assertTrue(events.get(i).sequence() > events.get(i - 1).sequence());
                }
                assertEquals(events.get(6).sequence(), state.journal().lastSequence());
                try (Stream<ChangeEvent> tail = state.journal().eventsFrom(events.get(5).sequence())) {
                    assertEquals(2, tail.count());
                }
            }
        }
    }

    @Test
    void killingWritersDuringAppendsLeavesAReadableJournalWithoutTornEvents() throws InterruptedException {
        int slots = 6;
        // The writers run flat out, so the journal is kept at its smallest cap: retention deletes its oldest
        // segments all along, and what is left must still chain event by event.
        try (SharedState state = SharedState.builder(dir).journalRetentionBytes(16L << 20).open()) {
            state.longValue("counter", 0);
            state.longArray("counter.acks", slots);
            state.longArray("counter.stalls", slots);
        }
        List<JavaProcess> workers = new ArrayList<>();
        try {
            for (int slot = 0; slot < slots; slot++) {
                JavaProcess worker = JavaProcess.start(Worker.class, "crash-worker", dir, "counter", slot, slots);
                worker.awaitLine("ready", TIMEOUT);
                workers.add(worker);
                Thread.sleep(150 + slot * 37);
                if (slot % 2 == 0) {
                    worker.kill9();
                }
            }
            Thread.sleep(500);
        } finally {
            workers.forEach(JavaProcess::kill9);
        }
        try (SharedState state = SharedState.open(dir)) {
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), "the journal catches up");
            Map<String, Long> last = new HashMap<>();
            long[] count = new long[1];
            try (Stream<ChangeEvent> events = state.journal().events()) {
                events.filter(event -> event.key().equals("counter")).forEach(event -> {
                    count[0]++;
                    long value = ((Number) event.values().get(0)).longValue();
                    assertNotEquals(Operation.GAP, event.operation(), "a gap inside the retained journal");
                    Long previous = last.get(event.key());
                    if (event.operation() == Operation.ADD && previous != null) {
                        assertEquals(previous + event.delta().longValue(), value, "event " + event.sequence());
                    }
                    last.put(event.key(), value);
                });
            }
            assertTrue(count[0] > 1_000, "events " + count[0]);
            long final_ = state.longValue("counter").get();
            assertTrue(Math.abs(final_ - last.get("counter")) <= 1, "journal ends at " + last + ", state " + final_);
            long[] stalls = state.longArray("counter.stalls", slots).toArray();
            for (long stall : stalls) {
                assertTrue(stall <= 1_000_000, "a writer stalled " + stall + " µs");
            }
        }
    }

    private void runMixed(int processes, long operations, int seedBase) {
        List<JavaProcess> children = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                children.add(JavaProcess.start(Worker.class, "mixed", dir, seedBase + i, operations));
            }
            for (JavaProcess child : children) {
                child.awaitSuccess(TIMEOUT);
            }
        } finally {
            children.forEach(JavaProcess::close);
        }
    }

    private static SortedMap<String, Object> currentValues(SharedState state) {
        SortedMap<String, Object> values = new TreeMap<>();
        for (String name : state.names()) {
            if (state.info(name).journal() != JournalMode.ON) {
                continue;
            }
            if (state.info(name).isArray()) {
                values.put(name, List.of(state.array(name).toArray()));
            } else {
                values.put(name, state.value(name).get());
            }
        }
        return values;
    }
}
