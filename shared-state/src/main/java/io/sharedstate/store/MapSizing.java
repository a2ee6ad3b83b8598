package io.sharedstate.store;

import io.sharedstate.TypeCode;

/**
 * How the Chronicle Map is laid out for a capacity in keys, a longest array and the bytes asked for values.
 * Chronicle keeps each segment's entries in tiers of a fixed number of chunks and refuses an entry larger than a
 * tier, so every tier is large enough for the longest array (in the widest type) as well as for its share of single
 * values. The first tier of every segment is allocated when the store is created ({@link #dataBytes()}); a segment
 * whose tier is full gets extra tiers, up to the bloat factor, which is how a store holds more arrays than its first
 * tiers have room for ({@link #maxDataBytes()}).
 *
 * @param segments the number of segments
 * @param entriesPerSegment keys per segment
 * @param chunkSize bytes per allocation chunk
 * @param chunksPerTier chunks per segment tier
 * @param maxBloatFactor how far the map may grow past its first tiers through extra tiers
 */
record MapSizing(int segments, long entriesPerSegment, int chunkSize, long chunksPerTier, double maxBloatFactor) {
    static final int AVERAGE_KEY_BYTES = 24;
    /** Chronicle's bytes per entry beside the key and the value: their sizes, stop-bit encoded. */
    static final int ENTRY_OVERHEAD = 8;
    private static final int CHUNK_SIZE = 32;
    private static final int MAX_SEGMENTS = 64;
    private static final int KEYS_PER_SEGMENT_TARGET = 1024;
    private static final int SCALARS_BESIDE_AN_ARRAY = 16;
    private static final double MAX_BLOAT_FACTOR = 8.0;

    /**
     * Returns the layout for a store.
     *
     * @param requestedDataBytes the bytes the user asked for values, or 0 for the default
     */
    static MapSizing of(long capacity, int maxArrayLength, long requestedDataBytes) {
        int segments = (int) Math.min(MAX_SEGMENTS, Long.highestOneBit(Math.max(1, capacity / KEYS_PER_SEGMENT_TARGET)));
        long entriesPerSegment = (capacity + segments - 1) / segments;
        long scalarChunks = chunks(AVERAGE_KEY_BYTES + ENTRY_OVERHEAD + scalarValueSize());
        long chunksPerTier = Math.max(entriesPerSegment * scalarChunks,
                largestArrayChunks(maxArrayLength) + scalarChunks * SCALARS_BESIDE_AN_ARRAY);
        if (requestedDataBytes > 0) {
            chunksPerTier = Math.max(chunksPerTier, chunks((requestedDataBytes + segments - 1) / segments));
        }
        return new MapSizing(segments, entriesPerSegment, CHUNK_SIZE, chunksPerTier, MAX_BLOAT_FACTOR);
    }

    static int scalarValueSize() {
        return EntryLayout.valueSize(TypeCode.INT64, false, 1);
    }

    /** Returns the bytes of the first tiers: what the store has for values without growing. */
    long dataBytes() {
        return segments * chunksPerTier * chunkSize;
    }

    /** Returns the bytes the store may grow to for values, extra tiers included. */
    long maxDataBytes() {
        return (long) (dataBytes() * maxBloatFactor);
    }

    /** Returns the bytes one tier has; no value can be larger. */
    long tierBytes() {
        return chunksPerTier * chunkSize;
    }

    /** Returns the bytes a key of this name length and value size takes in the map. */
    long entryBytes(int nameBytes, int valueSize) {
        return chunks(nameBytes + ENTRY_OVERHEAD + valueSize) * chunkSize;
    }

    String dataBytesDescription() {
        return dataBytes() + " bytes (growing to " + maxDataBytes() + " in extra tiers of " + tierBytes() + ")";
    }

    private static long largestArrayChunks(int maxArrayLength) {
        return chunks(255 + ENTRY_OVERHEAD + EntryLayout.valueSize(TypeCode.INT64, true, maxArrayLength));
    }

    private static long chunks(long bytes) {
        return (bytes + CHUNK_SIZE - 1) / CHUNK_SIZE;
    }
}
