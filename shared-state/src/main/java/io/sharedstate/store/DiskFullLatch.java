package io.sharedstate.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Remembers that a key's creation failed for want of disk space, so that later creations of absent keys fail at
 * once, without calling into Chronicle Map, until the disk has room for a new segment tier again. A creation that
 * fails inside Chronicle for want of space costs a {@code System.gc()} and a 100 ms pause (Chronicle's retry when
 * mapping a new tier fails) with the key index locked: on a full disk, a service that keeps trying to create keys
 * would pay that on every attempt, and make every other creator wait.
 *
 * <p>Values and keys that exist are not affected. While the latch is set, a creation that would have fit in the
 * map's existing tiers is refused too: the disk is full, and the refusal says so. The latch lets one creation try
 * again a second after it was set, since the free space the file system reports may not be what ran out (a quota,
 * room freed inside the map): at most one such failure a second.
 */
final class DiskFullLatch {
    private static final long NOT_SET = -1;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path directory;
    private final long room;
    private volatile long spaceAtFailure = NOT_SET;
    private volatile long setAt;
    private FileStore fileStore;

    /** A latch for the store in {@code directory}, cleared once it has {@code room} bytes more than at the failure. */
    DiskFullLatch(Path directory, long room) {
        this.directory = directory;
        this.room = room;
    }

    /** Records that a creation just failed inside Chronicle for want of disk space. */
    void set() {
        long space = usableSpace();
        if (space == Long.MAX_VALUE) {
            return;
        }
        setAt = System.nanoTime();
        spaceAtFailure = space;
    }

    /**
     * Returns whether creations should be refused at once: the latch was set less than a second ago and no room has
     * come back since.
     */
    boolean isSet() {
        long atFailure = spaceAtFailure;
        if (atFailure == NOT_SET) {
            return false;
        }
        if (System.nanoTime() - setAt > RETRY_NANOS || usableSpace() > atFailure + room) {
            spaceAtFailure = NOT_SET;
            return false;
        }
        return true;
    }

    /** Returns the bytes usable on the store's file system; when that cannot be told, as if there were plenty. */
    private long usableSpace() {
        try {
            if (fileStore == null) {
                fileStore = Files.getFileStore(directory);
            }
            return fileStore.getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
