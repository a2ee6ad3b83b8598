package io.sharedstate.store;

import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.List;

/**
 * Corrects which of a just-opened map's extra tier bulks this process takes for mapped. Opening an existing file,
 * Chronicle maps as many bulks as the "allocated bulks" counter says, then reads the counter again to list the
 * bulks that lie in that mapping. A bulk another process adds in between is listed too, though it lies beyond the
 * mapping: a walk of its tiers then read unmapped memory and killed the JVM with SIGSEGV (seen in the demo's crash
 * scenario, in the maintenance thread of a newly started worker). Such bulks are dropped from the process's list,
 * so that Chronicle maps them from the file when they are first used, as it does for bulks added after the open.
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
            LOG.info("{}: {} extra tier bulk(s) added by another process while this one opened the map lie beyond "
                    + "its first mapping; they are mapped from the file when first used", map.file(), dropped);
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
