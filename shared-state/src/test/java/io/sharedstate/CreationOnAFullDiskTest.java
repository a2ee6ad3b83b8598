package io.sharedstate;

import io.sharedstate.testing.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creating a store on a full disk fails with {@link DiskFullException} and leaves nothing behind: no directory, and
 * no creation lock file (one was left when the mark that ends a creator's turn could not be written), so that the
 * same call works once space is freed.
 */
class CreationOnAFullDiskTest {
    @RegisterExtension
    final SmallDisk disk = SmallDisk.of("16m");

    @Test
    void aCreationRefusedForWantOfSpaceLeavesNothingAndWorksOnceSpaceReturns() throws Exception {
        Path dir = disk.root().resolve("store");
        Path filler = disk.root().resolve("filler");
        SmallDisk.fill(filler);

        assertThrows(DiskFullException.class, () -> SharedState.open(dir));
        assertFalse(Files.exists(dir), () -> "the failed creation left " + list(dir));

        Files.delete(filler);
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(1, state.longValue("k", 1).get());
        }
        assertTrue(Files.isRegularFile(dir.resolve("shared-state.meta")));
        assertFalse(Files.exists(dir.resolve("shared-state.lock")), "the creation lock is gone after a creation");
    }

    private static String list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
