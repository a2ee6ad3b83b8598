package io.sharedstate.store;

import java.nio.file.Path;

/**
 * A process that inserts keys into a bare key index, then dies (killed by the test) inside a Chronicle call on
 * the key "victim": its insertion done, that segment's write lock still held. Arguments: the map file, and
 * optionally how many other keys to insert and the size of every value (large values chain extra tiers).
 */
public final class DieInsideChronicle {
    /** The sizing both this process and the test open the map with: 16,384 keys, so 16 segments. */
    static final MapSizing SIZING = MapSizing.of(16_384, 64, 0);
    static final int OTHER_KEYS = 40;

    private DieInsideChronicle() {
    }

    public static void main(String[] args) throws InterruptedException {
        KeyIndex index = KeyIndex.open(Path.of(args[0]), SIZING, true);
        int otherKeys = args.length > 1 ? Integer.parseInt(args[1]) : OTHER_KEYS;
        int valueSize = args.length > 2 ? Integer.parseInt(args[2]) : MapSizing.scalarValueSize();
        for (int i = 0; i < otherKeys; i++) {
            index.withKey("other." + i, cursor -> cursor.insert(valueSize));
        }
        index.withKey("victim", cursor -> {
            cursor.insert(valueSize);
            return insideUntilKilled();
        });
    }

    /** Says "inside" to the test, which kills this process, and waits for that. */
    static Void insideUntilKilled() {
        System.out.println("inside");
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
