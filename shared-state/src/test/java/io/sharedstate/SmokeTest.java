package io.sharedstate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void basicOperationsWork() {
        try (SharedState state = SharedState.open(dir.resolve("s"))) {
            SharedLong hits = state.longValue("hits", 5);
            assertEquals(6, hits.incrementAndGet());
            SharedDoubleArray arr = state.doubleArray("arr", 0.0, 1.0, 2.0);
            arr.set(1, 3.0);
            assertArrayEquals(new double[] {0.0, 3.0, 2.0}, arr.toArray());
            try (SharedLock lock = state.lock("hits")) {
                hits.set(hits.get() * 2);
            }
            assertEquals(12, state.longValue("hits").get());
            System.out.println(state.names() + " " + state.info("hits") + " " + state.journal().lastSequence());
            state.journal().events().forEach(System.out::println);
        }
        try (SharedState state = SharedState.open(dir.resolve("s"))) {
            assertEquals(12, state.longValue("hits").get());
        }
    }
}
