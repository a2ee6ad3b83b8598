package io.sharedstate.store;

import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleHashCorruptionImpl;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.VanillaChronicleMap;
import net.openhft.chronicle.map.impl.IterationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Repairs a Chronicle Map in place, while other processes have it open, after a process died in the middle of a
 * Chronicle call: resets the segment locks and the global mutable-state lock it left held, and rebuilds each
 * segment's hash lookup, free list and counters from its entries (Chronicle's own recovery procedure, the one
 * {@code recoverPersistedTo} runs on a closed file).
 *
 * <p>Safe only because nothing else touches Chronicle's structures meanwhile: every Chronicle call of every
 * process runs under the store's {@link IndexLock}, which the caller holds, having just taken it over from the dead
 * process. No live process holds a Chronicle lock then, and the values that handles read and write in place are
 * entries Chronicle's recovery keeps where they are.
 */
final class ChronicleRepair {
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleRepair.class);

    private ChronicleRepair() {
    }

    /**
     * Repairs {@code map}; the caller holds the index lock.
     *
     * @return what Chronicle found and fixed, one line each
     */
    static List<String> repair(ChronicleMap<?, ?> map) {
        List<String> found = new ArrayList<>();
        ChronicleHashCorruption.Listener listener = corruption -> found.add(corruption.message());
        ChronicleHashCorruptionImpl corruption = new ChronicleHashCorruptionImpl();
        resetGlobalMutableStateLock((VanillaChronicleHash<?, ?, ?, ?>) map, listener, corruption);
        try (IterationContext<?, ?, ?> context = ((VanillaChronicleMap<?, ?, ?>) map).iterationContext()) {
            context.recoverSegments(listener, corruption);
        }
        if (!found.isEmpty()) {
            LOG.info("repaired Chronicle Map {}: {}", map.name(), found);
        }
        return found;
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
