package io.sharedstate.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.openhft.chronicle.hash.impl.SegmentHeader;
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
    /** Keys and array lengths that give each segment two tiers or more (7,168 chunks of 64 bytes each). */
    private static final int CHAINED_KEYS = 3000;
    private static final int CHAINED_ARRAY = 512;

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
        Path file = dir.resolve("values.cm3");
        int valueSize = EntryLayout.valueSize(io.sharedstate.TypeCode.INT64, true, CHAINED_ARRAY);
        try (JavaProcess victim = JavaProcess.start(DieInsideChronicle.class, file, CHAINED_KEYS, valueSize)) {
            assertEquals("inside", victim.awaitLine("inside", TIMEOUT), victim::describe);
            victim.kill9();
        }
        try (KeyIndex index = KeyIndex.open(file, DieInsideChronicle.SIZING, false)) {
            ChronicleMap<?, ?> map = mapOf(index);
            assertTrue(lockedSegmentTiers(map) > 1, "the victim's segment has extra tiers");
            miscountLockedSegments(index);
            ChronicleRepair.Report report = index.repair(ChronicleRepair.Scope.LOCKED_SEGMENTS);
            assertFalse(report.wholeMap(), report::toString);
            assertEquals(1, report.segments().size(), report::toString);

            assertNotEquals(0L, index.withKey("victim", KeyIndex.KeyCursor::base), "the finished insertion is kept");
            List<String> names = new ArrayList<>();
            for (int segment = 0; segment < index.segments(); segment++) {
                index.visitSegment(segment, "", (name, base) -> names.add(name));
            }
            assertEquals(CHAINED_KEYS + 1, names.size(), "every key of every tier is found");
            assertEquals(CHAINED_KEYS + 1, map.longSize(), "the counts are rebuilt");
            for (int i = 0; i < CHAINED_KEYS; i++) {
                assertNotEquals(0L, index.withKey("other." + i, KeyIndex.KeyCursor::base), "other." + i);
            }
            for (int i = 0; i < 64; i++) {
                index.withKey("after." + i, cursor -> cursor.insert(valueSize));
            }
            assertEquals(CHAINED_KEYS + 65, map.longSize());
            ChronicleRepair.Report full = index.repair(ChronicleRepair.Scope.WHOLE_MAP);
            assertTrue(full.found().stream().noneMatch(line -> !line.startsWith("wrong lowest free chunk")),
                    () -> "Chronicle's full recovery finds nothing else to fix: " + full.found());
        }
    }

    /** Returns how many tiers the segment whose lock is held has (0 if none is held). */
    private static int lockedSegmentTiers(ChronicleMap<?, ?> map) {
        try (IterationContext<?, ?, ?> iteration = ((VanillaChronicleMap<?, ?, ?>) map).iterationContext()) {
            CompiledMapIterationContext<?, ?, ?> context = (CompiledMapIterationContext<?, ?, ?>) iteration;
            for (int segment = 0; segment < map.segments(); segment++) {
                context.initSegmentIndex(segment);
                SegmentHeader header = context.segmentHeader();
                if (header.getLockState(context.segmentHeaderAddress()) != header.resetLockState()) {
                    context.initSegmentTier();
                    context.goToLastTier();
                    return context.tier() + 1;
                }
            }
        }
        return 0;
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
