package io.sharedstate.store;

import java.nio.file.Path;

/**
 * A process that inserts keys into a bare key index, then dies (killed by the test) inside a Chronicle call on
 * the key "victim": its insertion done, that segment's write lock still held.
 */
public final class DieInsideChronicle {
    /** The sizing both this process and the test open the map with: 16,384 keys, so 16 segments. */
    static final MapSizing SIZING = MapSizing.of(16_384, 64, 0);
    static final int OTHER_KEYS = 40;

    private DieInsideChronicle() {
    }

    public static void main(String[] args) throws InterruptedException {
        KeyIndex index = KeyIndex.open(Path.of(args[0]), SIZING, true);
        for (int i = 0; i < OTHER_KEYS; i++) {
            index.withKey("other." + i, cursor -> cursor.insert(MapSizing.scalarValueSize()));
        }
        index.withKey("victim", cursor -> {
            cursor.insert(MapSizing.scalarValueSize());
            System.out.println("inside");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }
}
