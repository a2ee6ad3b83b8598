package io.sharedstate.store;

import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleHashCorruptionImpl;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.VanillaChronicleMap;
import net.openhft.chronicle.map.impl.IterationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Throwables;
import net.openhft.chronicle.hash.impl.SegmentHeader;
import net.openhft.chronicle.hash.impl.TierCountersArea;
import net.openhft.chronicle.map.impl.CompiledMapIterationContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Repairs a Chronicle Map in place, while other processes have it open, after a process died in the middle of a
 * Chronicle call: resets the segment locks and the global mutable-state lock it left held, and rebuilds the hash
 * lookup, free list and counters of each segment it may have changed from the segment's entries (Chronicle's own
 * recovery procedure, the one {@code recoverPersistedTo} runs on a closed file).
 *
 * <p>Only the segments whose lock the dead process left held are rebuilt: Chronicle changes a segment only under its
 * lock, so a segment whose lock is free is whole. That makes a repair cost one segment, not the map (a full
 * recovery, run interpreted on a loaded machine, stalled the survivors for over a second). The whole map is
 * recovered when the dead process held the global lock (it was adding a tier), when it died between taking a tier
 * and linking it or writing its counters (a chain that is not whole, or a tier in use in none: only the full
 * procedure re-chains tiers), and when asked ({@link Scope#WHOLE_MAP}): after a call failed inside Chronicle in this
 * process, which released its locks, and after a process died inside a repair.
 *
 * <p>Safe only because nothing else touches Chronicle's structures meanwhile: every Chronicle call of every
 * process runs under the store's {@link IndexLock}, which the caller holds, having just taken it over from the dead
 * process. No live process holds a Chronicle lock then, and the values that handles read and write in place are
 * entries Chronicle's recovery keeps where they are.
 */
final class ChronicleRepair {
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleRepair.class);
    private static final Method RESET_SEGMENT_LOCK = contextMethod("resetSegmentLock");
    private static final Method ZERO_OUT_FIRST_TIER_COUNTERS = contextMethod("zeroOutFirstSegmentTierCountersArea");

    private ChronicleRepair() {
    }

    /**
     * What a repair did.
     *
     * @param found what Chronicle found and fixed, one line each
     * @param segments the segments rebuilt, in order
     * @param wholeMap whether the whole map was recovered (then {@code segments} lists them all)
     */
    record Report(List<String> found, List<Integer> segments, boolean wholeMap) {
        Report {
            found = List.copyOf(found);
            segments = List.copyOf(segments);
        }

        /** Returns the segments rebuilt, for a log line: "all 16 segments", "segment 3" or "no segment". */
        String describeSegments() {
            if (wholeMap) {
                return "all " + segments.size() + " segments";
            }
            return segments.isEmpty() ? "no segment" : (segments.size() == 1 ? "segment " : "segments ")
                    + segments.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
    }

    /** What a repair rebuilds. */
    enum Scope {
        /** The segments whose lock a dead process left held (the whole map if it held the global lock). */
        LOCKED_SEGMENTS,
        /** Every segment: after a call of this process failed inside Chronicle, having released its locks. */
        WHOLE_MAP
    }

    /** Repairs {@code map}; the caller holds the index lock. */
    static Report repair(ChronicleMap<?, ?> map, Scope scope) {
        List<String> found = new ArrayList<>();
        ChronicleHashCorruption.Listener listener = corruption -> found.add(corruption.message());
        ChronicleHashCorruptionImpl corruption = new ChronicleHashCorruptionImpl();
        VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) map;
        resetGlobalMutableStateLock(hash, listener, corruption);
        boolean globalLockWasHeld = !found.isEmpty();
        Report report;
        try (IterationContext<?, ?, ?> context = ((VanillaChronicleMap<?, ?, ?>) map).iterationContext()) {
            List<Integer> rebuilt = scope == Scope.WHOLE_MAP || globalLockWasHeld ? null
                    : recoverLockedSegments((CompiledMapIterationContext<?, ?, ?>) context, hash, listener, corruption);
            if (rebuilt == null) {
                context.recoverSegments(listener, corruption);
                report = new Report(found, IntStream.range(0, map.segments()).boxed().toList(), true);
            } else {
                report = new Report(found, rebuilt, false);
            }
        }
        if (!found.isEmpty()) {
            LOG.info("repaired Chronicle Map {} ({}): {}", map.name(), report.describeSegments(), found);
        }
        return report;
    }

    /**
     * Rebuilds each segment whose lock is held, tier by tier along its chain, as Chronicle's full recovery does for
     * every segment; returns {@code null} if a chain is not whole or a tier is in use in none (then only the full
     * recovery can rebuild the map).
     */
    private static List<Integer> recoverLockedSegments(CompiledMapIterationContext<?, ?, ?> context,
                                                       VanillaChronicleHash<?, ?, ?, ?> hash,
                                                       ChronicleHashCorruption.Listener listener,
                                                       ChronicleHashCorruptionImpl corruption) {
        if (hasUnlinkedTier(context, hash)) {
            return null;
        }
        List<Integer> rebuilt = new ArrayList<>();
        for (int segment = 0; segment < hash.actualSegments; segment++) {
            context.initSegmentIndex(segment);
            SegmentHeader header = context.segmentHeader();
            if (header.getLockState(context.segmentHeaderAddress()) != header.resetLockState()) {
                if (!isChainWhole(context, hash, segment)) {
                    return null;
                }
                recoverSegment(context, segment, listener, corruption);
                rebuilt.add(segment);
            }
        }
        return rebuilt;
    }

    /**
     * Whether the tiers chained to {@code segment}'s first tier are tiers in use that say they are this chain's: its
     * segment, their place in it, the tier before. Chronicle takes a new tier from the free list under the global
     * lock, links it, then writes its counters; a process killed between the last two leaves a link to a tier whose
     * next link still runs through the free list, which only the full recovery puts right.
     */
    private static boolean isChainWhole(CompiledMapIterationContext<?, ?, ?> context,
                                        VanillaChronicleHash<?, ?, ?, ?> hash, int segment) {
        context.initSegmentIndex(segment);
        context.initSegmentTier();
        long previous = context.tierIndex();
        long next = context.nextTierIndex();
        long inUse = hash.globalMutableState().getExtraTiersInUse();
        for (int tier = 1; next != 0; tier++) {
            if (tier > inUse || next < hash.extraTierIndexToTierIndex(0)
                    || next > hash.extraTierIndexToTierIndex(inUse - 1)) {
                return false;
            }
            context.initSegmentTier(tier, next);
            long counters = context.tierCountersAreaAddr();
            if (TierCountersArea.segmentIndex(counters) != segment || TierCountersArea.tier(counters) != tier
                    || TierCountersArea.prevTierIndex(counters) != previous) {
                return false;
            }
            previous = next;
            next = context.nextTierIndex();
        }
        return true;
    }

    /**
     * Whether the tier allocated last is in no chain: a process killed after taking it from the free list, before
     * linking it, leaves it counted in use. Tiers are allocated in order and every linked extra tier has a tier
     * number of 1 or more, so only the last one can be such an orphan, which the full recovery returns.
     */
    private static boolean hasUnlinkedTier(CompiledMapIterationContext<?, ?, ?> context,
                                           VanillaChronicleHash<?, ?, ?, ?> hash) {
        long inUse = hash.globalMutableState().getExtraTiersInUse();
        if (inUse == 0) {
            return false;
        }
        context.initSegmentIndex(0);
        context.initSegmentTier(1, hash.extraTierIndexToTierIndex(inUse - 1));
        return TierCountersArea.tier(context.tierCountersAreaAddr()) == 0;
    }

    /**
     * Resets {@code segment}'s lock and its first tier's counters, and rebuilds each tier of its (whole) chain: its
     * hash lookup and free list from its entries, then its entry counts and duplicates.
     */
    private static void recoverSegment(CompiledMapIterationContext<?, ?, ?> context, int segment,
                                       ChronicleHashCorruption.Listener listener,
                                       ChronicleHashCorruptionImpl corruption) {
        context.initSegmentIndex(segment);
        context.initSegmentTier();
        long next = context.nextTierIndex();
        invoke(context, RESET_SEGMENT_LOCK, listener, corruption);
        // Chronicle's own step unlinks the chain, which its full recovery relinks from all extra tiers; keep it.
        invoke(context, ZERO_OUT_FIRST_TIER_COUNTERS, listener, corruption);
        context.nextTierIndex(next);
        context.recoverTier(segment, listener, corruption);
        // The extra tiers' counters are right: isChainWhole checked them.
        for (int tier = 1; next != 0; tier++) {
            context.initSegmentTier(tier, next);
            next = context.nextTierIndex();
            context.recoverTier(segment, listener, corruption);
        }
        // recoverTier rebuilds the hash lookups, not the counters a kill between an insertion's (or a removal's) two
        // steps leaves off by one, nor duplicates across tiers: this is the last step of Chronicle's full recovery.
        context.initSegmentIndex(segment);
        context.initSegmentTier();
        context.goToLastTier();
        while (true) {
            context.removeDuplicatesInSegment(listener, corruption);
            if (context.tier() == 0) {
                break;
            }
            context.prevTier();
        }
    }

    private static Method contextMethod(String name) {
        try {
            Method method = CompiledMapIterationContext.class.getDeclaredMethod(name,
                    ChronicleHashCorruption.Listener.class, ChronicleHashCorruptionImpl.class);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Chronicle Map version has no " + name + " in its iteration context;"
                    + " shared-state needs the one it was built with", e);
        }
    }

    private static void invoke(CompiledMapIterationContext<?, ?, ?> context, Method method,
                               ChronicleHashCorruption.Listener listener, ChronicleHashCorruptionImpl corruption) {
        try {
            method.invoke(context, listener, corruption);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwables.throwIfUnchecked(e.getCause());
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void resetGlobalMutableStateLock(VanillaChronicleHash<?, ?, ?, ?> hash,
                                                    ChronicleHashCorruption.Listener listener,
                                                    ChronicleHashCorruptionImpl corruption) {
        try {
            Method reset = VanillaChronicleHash.class.getDeclaredMethod("resetGlobalMutableStateLock",
                    ChronicleHashCorruption.Listener.class, ChronicleHashCorruptionImpl.class);
            reset.setAccessible(true);
            reset.invoke(hash, listener, corruption);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Chronicle Map version has no resetGlobalMutableStateLock; "
                    + "shared-state needs the one it was built with", e);
        }
    }
}
