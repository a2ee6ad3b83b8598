package io.sharedstate.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.openhft.chronicle.hash.impl.SegmentHeader;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.VanillaChronicleMap;
import net.openhft.chronicle.map.impl.CompiledMapIterationContext;
import net.openhft.chronicle.map.impl.IterationContext;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sharedstate.testing.JavaProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed inside a Chronicle call leaves one segment's lock held; the repair rebuilds that segment alone
 * (the full recovery of every segment stalled the survivors for over a second in the crash soak), and the map is
 * whole afterwards: the segment's lock is free, its counts are right, every key is there, new keys go in.
 */
class SegmentRepairTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Keys and a value size (arrays of 512 longs) that give each segment two tiers or more (7,168 64-byte chunks). */
    private static final int CHAINED_KEYS = 3000;
    private static final int CHAINED_VALUE = EntryLayout.valueSize(io.sharedstate.TypeCode.INT64, true, 512);

    @TempDir
    Path dir;

    @Test
    void theRepairRebuildsOnlyTheSegmentTheDeadProcessHeld() throws ReflectiveOperationException {
        Path file = dir.resolve("values.cm3");
        try (JavaProcess victim = JavaProcess.start(DieInsideChronicle.class, file)) {
            assertEquals("inside", victim.awaitLine("inside", TIMEOUT), victim::describe);
            victim.kill9();
        }
        try (KeyIndex index = KeyIndex.open(file, DieInsideChronicle.SIZING, false)) {
            assertEquals(16, index.segments());
            // As a kill between an insertion's two steps leaves it: the locked segment's count one too high.
            miscountLockedSegments(index);
            ChronicleRepair.Report report = index.repair(ChronicleRepair.Scope.LOCKED_SEGMENTS);
            assertFalse(report.wholeMap(), report::toString);
            assertEquals(1, report.segments().size(), report::toString);
            assertTrue(report.found().stream().anyMatch(line -> line.contains("lock")), report::toString);

            assertNotEquals(0L, index.withKey("victim", KeyIndex.KeyCursor::base), "the finished insertion is kept");
            List<String> names = new ArrayList<>();
            for (int segment = 0; segment < index.segments(); segment++) {
                index.visitSegment(segment, "", (name, base) -> names.add(name));
            }
            assertEquals(DieInsideChronicle.OTHER_KEYS + 1, names.size(), names::toString);
            assertEquals(DieInsideChronicle.OTHER_KEYS + 1, mapOf(index).longSize(), "the counts are rebuilt");
            index.withKey("after", cursor -> cursor.insert(MapSizing.scalarValueSize()));
            assertTrue(index.repair(ChronicleRepair.Scope.LOCKED_SEGMENTS).segments().isEmpty(), "nothing is left to repair");
        }
    }

    @Test
    void aSegmentWithExtraTiersIsRebuiltAlongItsChain() throws ReflectiveOperationException {
        try (KeyIndex index = chainedIndexWithALockedSegment()) {
            ChronicleMap<?, ?> map = mapOf(index);
            miscountLockedSegments(index);
            ChronicleRepair.Report report = index.repair(ChronicleRepair.Scope.LOCKED_SEGMENTS);
            assertFalse(report.wholeMap(), report::toString);
            assertEquals(1, report.segments().size(), report::toString);
            assertNotEquals(0L, index.withKey("victim", KeyIndex.KeyCursor::base), "the finished insertion is kept");
            assertEquals(CHAINED_KEYS + 1, map.longSize(), "the counts are rebuilt");
            assertEveryKeyStaysThroughMoreTiers(index);
        }
    }

    /** Killed after Chronicle linked a new tier, before it wrote that tier's counters (its next link is stale). */
    @Test
    void aTierLinkedButNotYetCountedMakesTheRepairRecoverTheWholeMap() throws ReflectiveOperationException {
        try (KeyIndex index = chainedIndexWithALockedSegment()) {
            ChronicleMap<?, ?> map = mapOf(index);
            long tier = ((VanillaChronicleHash<?, ?, ?, ?>) map).allocateTier();
            try (IterationContext<?, ?, ?> iteration = ((VanillaChronicleMap<?, ?, ?>) map).iterationContext()) {
                CompiledMapIterationContext<?, ?, ?> context = (CompiledMapIterationContext<?, ?, ?>) iteration;
                context.initSegmentIndex(lockedSegment(map));
                context.initSegmentTier();
                context.goToLastTier();
                context.nextTierIndex(tier);
            }
            assertTrue(index.repair(ChronicleRepair.Scope.LOCKED_SEGMENTS).wholeMap());
            assertEveryKeyStaysThroughMoreTiers(index);
        }
    }

    /** Killed after Chronicle took a tier from the free list, before it linked it: in use, in no chain. */
    @Test
    void aTierAllocatedButNotLinkedIsReturned() throws ReflectiveOperationException {
        try (KeyIndex index = chainedIndexWithALockedSegment()) {
            VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) mapOf(index);
            long inUse = hash.globalMutableState().getExtraTiersInUse();
            hash.allocateTier();
            assertTrue(index.repair(ChronicleRepair.Scope.LOCKED_SEGMENTS).wholeMap());
            assertEquals(inUse, hash.globalMutableState().getExtraTiersInUse(), "the orphan tier is free again");
            assertEveryKeyStaysThroughMoreTiers(index);
        }
    }

    /** Returns the index of a map of 3,000 arrays, chained tiers in every segment, its victim killed inside it. */
    private KeyIndex chainedIndexWithALockedSegment() {
        Path file = dir.resolve("values.cm3");
        try (JavaProcess victim = JavaProcess.start(DieInsideChronicle.class, file, CHAINED_KEYS, CHAINED_VALUE)) {
            assertEquals("inside", victim.awaitLine("inside", TIMEOUT), victim::describe);
            victim.kill9();
        }
        KeyIndex index = KeyIndex.open(file, DieInsideChronicle.SIZING, false);
        try {
            assertTrue(lockedSegmentTiers(mapOf(index)) > 1, "the victim's segment has extra tiers");
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            index.close();
            throw new AssertionError(e);
        }
        return index;
    }

    /**
     * Checks the repaired map keeps every key while 3,000 more arrays take more tiers (a tier handed out twice loses
     * keys), and that Chronicle's full recovery then finds nothing to fix but the lowest-free-chunk hints.
     */
    private static void assertEveryKeyStaysThroughMoreTiers(KeyIndex index) throws ReflectiveOperationException {
        for (int i = 0; i < CHAINED_KEYS; i++) {
            index.withKey("after." + i, cursor -> cursor.insert(CHAINED_VALUE));
        }
        List<String> names = new ArrayList<>();
        for (int segment = 0; segment < index.segments(); segment++) {
            index.visitSegment(segment, "", (name, base) -> names.add(name));
        }
        assertEquals(2 * CHAINED_KEYS + 1, names.size(), "every key of every tier is found");
        for (int i = 0; i < CHAINED_KEYS; i++) {
            assertNotEquals(0L, index.withKey("other." + i, KeyIndex.KeyCursor::base), "other." + i);
            assertNotEquals(0L, index.withKey("after." + i, KeyIndex.KeyCursor::base), "after." + i);
        }
        assertEquals(2 * CHAINED_KEYS + 1, mapOf(index).longSize());
        ChronicleRepair.Report full = index.repair(ChronicleRepair.Scope.WHOLE_MAP);
        assertTrue(full.found().stream().allMatch(line -> line.startsWith("wrong lowest free chunk")),
                () -> "Chronicle's full recovery finds nothing else to fix: " + full.found());
    }

    /** Returns the segment whose lock is held, or -1. */
    private static int lockedSegment(ChronicleMap<?, ?> map) {
        try (IterationContext<?, ?, ?> iteration = ((VanillaChronicleMap<?, ?, ?>) map).iterationContext()) {
            CompiledMapIterationContext<?, ?, ?> context = (CompiledMapIterationContext<?, ?, ?>) iteration;
            for (int segment = 0; segment < map.segments(); segment++) {
                context.initSegmentIndex(segment);
                SegmentHeader header = context.segmentHeader();
                if (header.getLockState(context.segmentHeaderAddress()) != header.resetLockState()) {
                    return segment;
                }
            }
        }
        return -1;
    }

    /** Returns how many tiers the segment whose lock is held has (0 if none is held). */
    private static int lockedSegmentTiers(ChronicleMap<?, ?> map) {
        int segment = lockedSegment(map);
        if (segment < 0) {
            return 0;
        }
        try (IterationContext<?, ?, ?> iteration = ((VanillaChronicleMap<?, ?, ?>) map).iterationContext()) {
            CompiledMapIterationContext<?, ?, ?> context = (CompiledMapIterationContext<?, ?, ?>) iteration;
            context.initSegmentIndex(segment);
            context.initSegmentTier();
            context.goToLastTier();
            return context.tier() + 1;
        }
    }

    private static void miscountLockedSegments(KeyIndex index) throws ReflectiveOperationException {
        ChronicleMap<?, ?> map = mapOf(index);
        try (IterationContext<?, ?, ?> iteration = ((VanillaChronicleMap<?, ?, ?>) map).iterationContext()) {
            CompiledMapIterationContext<?, ?, ?> context = (CompiledMapIterationContext<?, ?, ?>) iteration;
            for (int segment = 0; segment < map.segments(); segment++) {
                context.initSegmentIndex(segment);
                SegmentHeader header = context.segmentHeader();
                long address = context.segmentHeaderAddress();
                if (header.getLockState(address) != header.resetLockState()) {
                    header.entries(address, header.entries(address) + 1);
                }
            }
        }
    }

    private static ChronicleMap<?, ?> mapOf(KeyIndex index) throws ReflectiveOperationException {
        Field field = KeyIndex.class.getDeclaredField("map");
        field.setAccessible(true);
        return (ChronicleMap<?, ?>) field.get(index);
    }
}
