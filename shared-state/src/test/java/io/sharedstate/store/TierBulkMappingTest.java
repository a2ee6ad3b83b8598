package io.sharedstate.store;

import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A map opened while another process adds a tier bulk: Chronicle maps as many bulks as the counter says, then
 * reads the counter again to list the bulks in that mapping, and takes the newest to lie in it, which it does not.
 * A walk of its tiers then read unmapped memory (a SIGSEGV that killed a newly started worker in a fresh-clone
 * CrashIT). Here a real map file gets several bulks, and the opener sees the counter one lower, then right.
 */
class TierBulkMappingTest {
    private static final int KEYS = 3_000;

    @TempDir
    File dir;

    @Test
    void aBulkBeyondTheMappingMadeOnOpeningIsMappedFromTheFileInstead() throws Exception {
        File file = new File(dir, "map.cm3");
        int bulks;
        try (ChronicleMap<CharSequence, byte[]> map = builder().createPersistedTo(file)) {
            for (int i = 0; i < KEYS; i++) {
                map.put("key." + i, new byte[16]);
            }
            VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) map;
            bulks = hash.globalMutableState().getAllocatedExtraTierBulks();
            assertTrue(bulks >= 2, "the map added tier bulks: " + bulks);
            // The opener below reads the counter while the newest bulk is not counted yet...
            hash.globalMutableState().setAllocatedExtraTierBulks(bulks - 1);
        }
        try (ChronicleMap<CharSequence, byte[]> reopened = builder().createPersistedTo(file)) {
            VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) reopened;
            // ...and again, as Chronicle's initBulks does, once the adder has counted it: the newest bulk is then
            // taken to lie in the mapping made for one bulk fewer.
            hash.globalMutableState().setAllocatedExtraTierBulks(bulks);
            VanillaChronicleHash.TierBulkData last = hash.tierBulkOffsets.get(hash.tierBulkOffsets.size() - 1);
            hash.tierBulkOffsets.add(new VanillaChronicleHash.TierBulkData(last, last.offset + bulkBytes(hash)));
            VanillaChronicleHash.TierBulkData newest = hash.tierBulkOffsets.get(bulks - 1);
            assertTrue(newest.offset + bulkBytes(hash) > newest.bytesStore.capacity(),
                    "the newest bulk lies beyond the mapping made on opening");

            assertEquals(1, TierBulkMapping.dropBulksBeyondTheirMapping(reopened));

            int found = 0;
            for (int segment = 0; segment < reopened.segments(); segment++) {
                int[] count = {0};
                try (var context = reopened.segmentContext(segment)) {
                    context.forEachSegmentEntry(entry -> count[0]++);
                }
                found += count[0];
            }
            assertEquals(KEYS, found, "every entry, in every tier, read from mapped memory");
            assertEquals(0, TierBulkMapping.dropBulksBeyondTheirMapping(reopened), "nothing more to drop");
        }
    }

    private static ChronicleMapBuilder<CharSequence, byte[]> builder() {
        return ChronicleMap.of(CharSequence.class, byte[].class).name("bulks").entries(100).averageKeySize(10)
                .averageValueSize(16).actualSegments(2).maxBloatFactor(100).checksumEntries(false)
                .skipCloseOnExitHook(true);
    }

    private static long bulkBytes(VanillaChronicleHash<?, ?, ?, ?> hash) throws IOException {
        try {
            Field field = VanillaChronicleHash.class.getDeclaredField("tierBulkSizeInBytes");
            field.setAccessible(true);
            return field.getLong(hash);
        } catch (ReflectiveOperationException e) {
            throw new IOException(e);
        }
    }
}
