package io.sharedstate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Files are created readable and writable by their owner only, unless configured otherwise. */
class FilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void filesAreOwnerOnlyByDefault() throws IOException {
        Path store = dir.resolve("store");
        try (SharedState state = SharedState.open(store)) {
            state.longValue("v", 1).incrementAndGet();
            assertTrue(state.journal().awaitCaughtUp(java.time.Duration.ofSeconds(30)));
            assertEveryFileHas(store, "rw-------", "rwx------");
        }
        assertEquals("rwx------", permissions(store));
        assertEveryFileHas(store, "rw-------", "rwx------");
    }

    @Test
    void groupAccessCanBeConfigured() throws IOException {
        Path store = dir.resolve("shared");
        try (SharedState state = SharedState.builder(store)
                .filePermissions(PosixFilePermissions.fromString("rw-rw----")).open()) {
            state.longValue("v", 1).incrementAndGet();
            assertTrue(state.journal().awaitCaughtUp(java.time.Duration.ofSeconds(30)));
            assertEveryFileHas(store, "rw-rw----", "rwxrwx---");
        }
        assertEquals("rwxrwx---", permissions(store));
        assertEveryFileHas(store, "rw-rw----", "rwxrwx---");
    }

    /**
     * The drainer rolls a segment every 2 MiB here; each new segment has the store's permissions by the time the
     * events in it are acknowledged (Chronicle's file listener sets them later, from a background thread).
     */
    @Test
    void segmentsCreatedByRollsHaveTheStoresPermissions() throws IOException {
        Path store = dir.resolve("rolled");
        try (SharedState state = SharedState.builder(store).journalRetentionBytes(16L << 20)
                .filePermissions(PosixFilePermissions.fromString("rw-rw----")).open()) {
            SharedLong value = state.longValue("v", 0);
            java.util.Set<Path> checked = new java.util.HashSet<>();
            for (int round = 0; checked.size() < 4; round++) {
                for (int i = 0; i < 2_000; i++) {
                    value.incrementAndGet();
                }
                assertTrue(state.journal().awaitCaughtUp(java.time.Duration.ofSeconds(30)));
                for (Path path : filesUnder(store.resolve("journal"))) {
                    if (path.toString().endsWith(".cq4") && checked.add(path)) {
                        assertEquals("rw-rw----", permissions(path), path + " (round " + round + ")");
                    }
                }
                assertTrue(round < 10_000, "the journal rolled to " + checked.size() + " segments only");
            }
        }
    }

    /**
     * Every file of the store (header, map, journal segments and metadata, staging rings) and every directory has
     * the store's permissions, whatever created it: Chronicle Queue creates its files rw-r--r--.
     */
    private static void assertEveryFileHas(Path store, String files, String directories) throws IOException {
        List<Path> all = filesUnder(store);
        assertTrue(all.stream().anyMatch(path -> path.toString().endsWith(".cq4")), "a journal segment: " + all);
        assertTrue(all.stream().anyMatch(path -> path.toString().endsWith("metadata.cq4t")), "journal metadata");
        for (Path path : all) {
            assertEquals(Files.isDirectory(path) ? directories : files, permissions(path), path.toString());
        }
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.collect(Collectors.toList());
        }
    }
}
