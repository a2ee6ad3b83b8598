package io.sharedstate.store;

import io.sharedstate.SharedState;

import java.nio.file.Path;

/**
 * A child process that dies, when killed, while holding a Chronicle Map segment's write lock: it creates a key
 * with the test hook set to park inside the lock. {@code SegmentLockHolder DIR KEY}.
 */
public final class SegmentLockHolder {
    private SegmentLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (SharedState state = SharedState.open(Path.of(args[0]))) {
            KeyIndex.insideWriteLockForTests = () -> {
                System.out.println("holding");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            state.longValue(args[1], 0);
        }
    }
}
