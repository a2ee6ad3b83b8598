package io.sharedstate.store;

import io.sharedstate.TypeCode;

/**
 * How the Chronicle Map is laid out for a capacity in keys and a longest array. Chronicle refuses an entry
 * larger than one segment tier, so every tier is made large enough for the longest array (in the widest type)
 * as well as for its share of single values; extra tiers absorb arrays beyond that, up to the bloat factor.
 *
 * @param segments the number of segments (each has its own Chronicle lock)
 * @param entriesPerSegment keys per segment
 * @param chunkSize bytes per allocation chunk
 * @param chunksPerTier chunks per segment tier
 * @param maxBloatFactor how far the map may grow past its initial size through extra tiers
 */
record MapSizing(int segments, long entriesPerSegment, int chunkSize, long chunksPerTier, double maxBloatFactor) {
    static final int AVERAGE_KEY_BYTES = 24;
    private static final int CHUNK_SIZE = 32;
    private static final int MAX_SEGMENTS = 64;
    private static final int KEYS_PER_SEGMENT_TARGET = 1024;
    private static final int ENTRY_OVERHEAD = 8;
    private static final double MAX_BLOAT_FACTOR = 8.0;

    static MapSizing of(long capacity, int maxArrayLength) {
        int segments = (int) Math.min(MAX_SEGMENTS,
                Long.highestOneBit(Math.max(1, capacity / KEYS_PER_SEGMENT_TARGET)));
        long entriesPerSegment = (capacity + segments - 1) / segments;
        long scalarChunks = chunks(AVERAGE_KEY_BYTES + ENTRY_OVERHEAD + scalarValueSize());
        long largestArrayChunks = chunks(255 + ENTRY_OVERHEAD
                + EntryLayout.valueSize(TypeCode.INT64, true, maxArrayLength));
        long chunksPerTier = Math.max(entriesPerSegment * scalarChunks, largestArrayChunks + scalarChunks * 16);
        return new MapSizing(segments, entriesPerSegment, CHUNK_SIZE, chunksPerTier, MAX_BLOAT_FACTOR);
    }

    static int scalarValueSize() {
        return EntryLayout.valueSize(TypeCode.INT64, false, 1);
    }

    private static long chunks(long bytes) {
        return (bytes + CHUNK_SIZE - 1) / CHUNK_SIZE;
    }
}
