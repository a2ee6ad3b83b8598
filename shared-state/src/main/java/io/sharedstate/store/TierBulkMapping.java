package io.sharedstate.store;

import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.List;

/**
 * Corrects which of a just-opened map's extra tier bulks this process takes for mapped. Opening an existing file,
 * Chronicle maps as many bytes as the file's "data store size" says, then takes every bulk the "allocated bulks"
 * counter names to lie in that one mapping. A process that adds a bulk raises the counter first and the size last,
 * so a process that opens the map in between, or after the adder was killed in between, takes the newest bulk for
 * mapped when it is not: a walk of its tiers then read unmapped memory and killed the JVM with SIGSEGV (seen in the
 * demo's crash scenario, in the maintenance thread of a newly started worker). Such bulks are dropped from the
 * process's list, so that Chronicle maps them from the file when they are first used, as it does for bulks added
 * after the open.
 */
final class TierBulkMapping {
    private static final Logger LOG = LoggerFactory.getLogger(TierBulkMapping.class);
    private static final Field BULK_BYTES = field("tierBulkSizeInBytes");

    private TierBulkMapping() {
    }

    /** Drops the bulks that lie beyond the mapping they are said to lie in; returns how many. */
    static int dropBulksBeyondTheirMapping(ChronicleMap<?, ?> map) {
        VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) map;
        long bulkBytes = bulkBytes(hash);
        List<VanillaChronicleHash.TierBulkData> bulks = hash.tierBulkOffsets;
        int mapped = 0;
        while (mapped < bulks.size()) {
            VanillaChronicleHash.TierBulkData bulk = bulks.get(mapped);
            if (bulk.offset + bulkBytes > bulk.bytesStore.capacity()) {
                break;
            }
            mapped++;
        }
        int dropped = bulks.size() - mapped;
        if (dropped > 0) {
            bulks.subList(mapped, bulks.size()).clear();
            LOG.warn("{}: {} extra tier bulks lay beyond the mapped data size (a bulk being added, or added by a "
                    + "process that died); they are mapped from the file when first used", map.file(), dropped);
        }
        return dropped;
    }

    private static long bulkBytes(VanillaChronicleHash<?, ?, ?, ?> hash) {
        try {
            return BULK_BYTES.getLong(hash);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Chronicle Map's tier bulk size", e);
        }
    }

    private static Field field(String name) {
        try {
            Field field = VanillaChronicleHash.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("this Chronicle Map has no field " + name + ": " + e);
        }
    }
}
